from . import customer_churn_report
from . import customer_xlsx
from . import care_letter
from . import care_envelope
