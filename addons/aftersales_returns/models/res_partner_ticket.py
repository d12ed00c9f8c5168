from odoo import api, fields, models
from odoo.addons.crm_lifecycle.models.readable_counts import readable_counts


class ResPartnerTicket(models.Model):
    """The customer's service tickets, for its 360° view."""
    _inherit = 'res.partner'

    ticket_ids = fields.One2many('aftersales.ticket', 'partner_id', string='Service Tickets', readonly=True)
    ticket_count = fields.Integer('Service Tickets', compute='_compute_ticket_count')

    def _compute_ticket_count(self):
        counts = readable_counts(self.env['aftersales.ticket'], 'partner_id', self.ids)
        for partner in self:
            partner.ticket_count = counts.get(partner.id, 0)

    @api.multi
    def action_view_tickets(self):
        self.ensure_one()
        action = self.env.ref('aftersales_returns.aftersales_ticket_action').read()[0]
        action['domain'] = [('partner_id', '=', self.id)]
        action['context'] = {'default_partner_id': self.id}
        return action
