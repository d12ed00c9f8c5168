from . import sales_staff
from . import sales_plan_attainment
from . import sales_commission_statement_xlsx
from . import sales_analysis_xlsx
from . import sales_performance
from . import sales_performance_loss_stage
