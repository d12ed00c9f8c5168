from . import test_opportunity_number
from . import test_opportunity_rules
from . import test_sales_method
from . import test_stage_history
from . import test_opportunity_access
from . import test_opportunity_assignment
from . import test_decision_team
from . import test_share_handover
