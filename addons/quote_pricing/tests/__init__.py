from . import test_floor_price
from . import test_amount_in_words
from . import test_discount_limit
from . import test_quote_versions
from . import test_quote_attributes
from . import test_quote_print
