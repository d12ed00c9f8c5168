from . import test_contract_state
from . import test_contract_access
from . import test_contract_from_order
from . import test_contract_lines
from . import test_contract_approval
from . import test_payment_plan
from . import test_contract_alerts
from . import test_contract_reports
