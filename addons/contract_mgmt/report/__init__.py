from . import sale_contract_report
from . import report_sale_contract
