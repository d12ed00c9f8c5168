from . import test_floor_price
from . import test_amount_in_words
from . import test_discount_limit
from . import test_price_strategy
from . import test_price_approval
from . import test_opportunity_link
from . import test_quote_history
from . import test_supplier_inquiry
