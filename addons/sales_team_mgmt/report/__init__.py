from . import sales_staff
from . import sales_plan_attainment
from . import sales_commission_statement_xlsx
from . import sales_plan_forecast_item
from . import sales_plan_forecast
from . import sales_plan_attainment_forecast
from . import sales_product_forecast
from . import sales_plan_attainment_xlsx
