from . import crm_lead_assign_wizard
from . import crm_funnel_analysis_wizard
from . import crm_funnel_analysis_stage
from . import crm_funnel_analysis_user
from . import crm_lead_share_wizard
from . import crm_lead_handover_wizard
