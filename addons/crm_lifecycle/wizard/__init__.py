from . import customer_ownership_wizard
from . import customer_import_wizard
from . import customer_churn_wizard
from . import loyalty_adjust_wizard
from . import care_send_wizard
