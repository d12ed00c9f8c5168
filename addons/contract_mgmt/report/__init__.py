from . import sale_contract_report
from . import report_sale_contract
from . import sale_contract_amount_report
from . import sale_contract_collection_report
from . import sale_payment_plan_ageing_report
from . import crm_forecast_report_payment_plan
from . import sale_contract_report_xlsx
