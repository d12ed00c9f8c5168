from . import crm_lead_assign_wizard
