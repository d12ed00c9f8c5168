from . import customer_ownership_wizard
