from . import crm_team
from . import sales_plan
from . import sales_plan_line
