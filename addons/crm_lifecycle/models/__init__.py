from . import customer_category
from . import customer_ownership
from . import res_partner
from . import res_partner_ownership
from . import res_company
from . import res_config_settings
from . import res_partner_duplicate
from . import state_machine_mixin
