from . import sales_analysis_export
from . import sales_plan_line_split_wizard
from . import sales_plan_line_split_wizard_share
