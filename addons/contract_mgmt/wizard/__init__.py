from . import sale_contract_terminate
