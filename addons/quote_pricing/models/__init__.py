from . import res_currency
from . import product_template
from . import sale_discount_limit
from . import sale_order_line
from . import sale_order
