from . import crm_competitor_deal_report
from . import crm_competitor_winloss_report
from . import crm_competitor_monitoring
from . import crm_competitor_monitoring_xlsx
