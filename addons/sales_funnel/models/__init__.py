from . import crm_opportunity_type
from . import crm_lead
