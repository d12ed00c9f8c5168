from . import test_team_hierarchy
from . import test_sales_plan
from . import test_plan_split
from . import test_sales_staff
from . import test_plan_approval
from . import test_plan_attainment
from . import test_plan_demo
