from . import test_return_quantity
from . import test_return_workflow
from . import test_ticket_sla
from . import test_ticket_breach
from . import test_ticket_assignment
from . import test_ticket_workflow
from . import test_ticket_access
from . import test_ticket_opportunity
