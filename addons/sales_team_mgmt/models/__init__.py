from . import crm_team
from . import sales_plan
from . import sales_plan_line
from . import crm_team_region
from . import sales_plan_line_split
from . import sales_plan_approval
from . import res_users_led_teams
