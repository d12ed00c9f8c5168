from . import quote_history_xlsx
from . import product_quote_history_xlsx
