from . import sale_contract_terminate
from . import sale_contract_report_wizard
