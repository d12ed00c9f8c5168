from . import crm_lead_assign_wizard
from . import crm_lead_share_wizard
from . import crm_lead_handover_wizard
