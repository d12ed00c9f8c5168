from . import customer_category
from . import res_partner
