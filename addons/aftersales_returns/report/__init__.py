from . import aftersales_return_report
from . import aftersales_return_rate_report
from . import aftersales_return_report_xlsx
