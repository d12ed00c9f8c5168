from odoo import _
from .trusted_context import is_module_uninstall
from odoo.exceptions import UserError


def check_not_used_by_partners(records, partner_field):
    """Refuse to delete classification records that customers still use (archive or reassign them first).

    Enforced here rather than with ``ondelete='restrict'`` on the partner field: the module's uninstall
    deletes its data records while partners still point to them, and must be able to.
    """
    if not records or is_module_uninstall(records.env):
        return
    used = records.env['res.partner'].sudo().with_context(active_test=False).search(
        [(partner_field, 'in', records.ids)], limit=1)
    if used:
        raise UserError(_('%(record)s is still used by customers such as %(customer)s: move them first.') % {
            'record': used[partner_field].display_name, 'customer': used.display_name})
