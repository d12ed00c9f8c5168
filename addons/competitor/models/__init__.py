from . import crm_competitor_category
from . import crm_competitor
from . import crm_lead_competitor
from . import crm_lead
