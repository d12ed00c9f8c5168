from . import sale_contract_type
from . import sale_contract
from . import sale_order
