from . import customer_churn_report
from . import customer_xlsx
