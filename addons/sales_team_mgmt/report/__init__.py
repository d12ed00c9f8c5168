from . import sales_staff
from . import sales_plan_attainment
