from . import customer_category
from . import res_partner
from . import state_machine_mixin
