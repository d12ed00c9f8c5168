from . import sale_contract_terminate
from . import sale_fast_order
from . import sale_fast_order_line
from . import sale_contract_report_wizard
