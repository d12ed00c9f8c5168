from . import test_customer_category
from . import test_public_pool
from . import test_claim_concurrency
from . import test_duplicate_engine
