from odoo import _
from odoo.addons.crm_lifecycle.models.trusted_context import is_module_uninstall
from odoo.exceptions import UserError


def check_not_used_by_leads(records, lead_field):
    """Refuse to delete configuration records that opportunities still use (archive them instead).

    Enforced here rather than with ``ondelete='restrict'`` on crm.lead: the module's uninstall deletes its
    records while Odoo's leads stay, and must be able to.
    """
    if not records or is_module_uninstall(records.env):
        return
    used = records.env['crm.lead'].sudo().with_context(active_test=False).search(
        [(lead_field, 'in', records.ids)], limit=1)
    if used:
        raise UserError(_('%(record)s is still used by opportunities such as %(lead)s: archive it instead.') % {
            'record': used[lead_field].display_name, 'lead': used.display_name})
