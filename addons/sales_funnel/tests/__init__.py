from . import test_opportunity_number
from . import test_opportunity_rules
