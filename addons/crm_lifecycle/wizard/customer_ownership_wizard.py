from odoo import api, fields, models


class CustomerOwnershipWizard(models.TransientModel):
    """Asks for the target salesperson and/or the reason of an assign, transfer or release."""
    _name = 'crm.customer.ownership.wizard'
    _description = 'Change Customer Owner'

    action = fields.Selection([
        ('assign', 'Assign'),
        ('transfer', 'Transfer'),
        ('release', 'Release to Pool'),
    ], required=True, default='release')
    partner_ids = fields.Many2many('res.partner', string='Customers', required=True,
                                   default=lambda self: self._default_partner_ids())
    user_id = fields.Many2one('res.users', 'New Owner', domain=lambda self: self._domain_user_id())
    reason = fields.Text()

    def _default_partner_ids(self):
        if self.env.context.get('active_model') == 'res.partner':
            return [(6, 0, self.env.context.get('active_ids') or [])]
        return []

    def _domain_user_id(self):
        group = self.env.ref('sales_team.group_sale_salesman')
        return [('groups_id', 'in', group.ids), ('share', '=', False)]

    @api.multi
    def action_confirm(self):
        self.ensure_one()
        if self.action == 'release':
            self.partner_ids.action_release(self.reason)
        elif self.action == 'transfer':
            self.partner_ids.action_transfer(self.user_id, self.reason)
        else:
            self.partner_ids.action_assign(self.user_id, self.reason)
        return {'type': 'ir.actions.act_window_close'}
