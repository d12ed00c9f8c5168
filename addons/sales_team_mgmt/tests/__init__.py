from . import test_team_hierarchy
from . import test_sales_plan
