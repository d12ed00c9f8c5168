from . import test_contract_state
from . import test_contract_access
from . import test_contract_from_order
from . import test_contract_template
from . import test_contract_print
from . import test_contract_document
from . import test_fast_order
