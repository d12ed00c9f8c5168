from . import test_return_quantity
from . import test_return_workflow
from . import test_return_approval
from . import test_return_operations
from . import test_return_access
from . import test_return_lead
from . import test_return_reports
from . import test_return_demo
