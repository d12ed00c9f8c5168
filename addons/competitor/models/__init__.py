from . import crm_competitor_category
from . import crm_competitor
from . import crm_competitor_swot
from . import crm_competitor_intelligence
from . import crm_lead_competitor
from . import crm_lost_reason
from . import crm_lead
from . import res_users
