from . import aftersales_return_refuse
from . import aftersales_return_report_wizard
