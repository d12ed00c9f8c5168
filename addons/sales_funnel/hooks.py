from odoo import SUPERUSER_ID, api


def post_init_hook(cr, registry):
    """Opportunities that existed before the module was installed get their number too."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    opportunities = env['crm.lead'].with_context(active_test=False).search(
        [('type', '=', 'opportunity'), ('opportunity_number', '=', False)], order='create_date, id')
    opportunities._assign_opportunity_number()
