from odoo import _, api, fields, models
from odoo.exceptions import UserError


class LoyaltyAdjustWizard(models.TransientModel):
    """A sales manager adds or deducts loyalty points by hand, with the reason (a new ledger line)."""
    _name = 'crm.loyalty.adjust.wizard'
    _description = 'Adjust Loyalty Points'

    partner_id = fields.Many2one('res.partner', 'Customer', required=True,
                                 default=lambda self: self._default_partner_id())
    current_points = fields.Integer(related='partner_id.loyalty_points', string='Current Balance', readonly=True)
    points = fields.Integer(required=True, help='Points to add (positive) or to deduct (negative).')
    reason = fields.Char(required=True)

    def _default_partner_id(self):
        if self.env.context.get('active_model') == 'res.partner' and self.env.context.get('active_id'):
            return self.env['res.partner'].browse(self.env.context['active_id']).commercial_partner_id
        return False

    @api.multi
    def action_confirm(self):
        self.ensure_one()
        if not self.env.user.has_group('sales_team.group_sale_manager'):
            raise UserError(_('Only sales managers may adjust loyalty points by hand.'))
        if not self.points:
            raise UserError(_('Enter the points to add (positive) or to deduct (negative).'))
        if not (self.reason or '').strip():
            raise UserError(_('Please give the reason of the adjustment.'))
        self.partner_id.award_loyalty_points(self.points, self.reason.strip(), origin=_('Manual adjustment'))
        return {'type': 'ir.actions.act_window_close'}
