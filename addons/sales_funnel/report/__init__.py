from . import crm_funnel_report
from . import crm_funnel_outcome_report
from . import crm_stage_conversion_report
from . import crm_forecast_report
from . import crm_funnel_xlsx
