from . import sale_contract_type
from . import sale_contract
from . import sale_order
from . import sale_contract_template
from . import sale_contract_template_clause
from . import sale_contract_type_template
from . import sale_contract_template_use
