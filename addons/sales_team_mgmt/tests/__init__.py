from . import test_team_hierarchy
from . import test_sales_plan
from . import test_commission
from . import test_commission_concurrency
