from . import test_return_quantity
from . import test_return_workflow
