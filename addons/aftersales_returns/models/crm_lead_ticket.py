from odoo import api, fields, models
from odoo.addons.crm_lifecycle.models.readable_counts import readable_counts


class CrmLeadTicket(models.Model):
    """The service tickets an opportunity came from."""
    _inherit = 'crm.lead'

    ticket_ids = fields.One2many('aftersales.ticket', 'lead_id', string='Service Tickets', readonly=True)
    ticket_count = fields.Integer('Service Tickets', compute='_compute_ticket_count')

    def _compute_ticket_count(self):
        counts = readable_counts(self.env['aftersales.ticket'], 'lead_id', self.ids)
        for lead in self:
            lead.ticket_count = counts.get(lead.id, 0)

    @api.multi
    def action_view_tickets(self):
        self.ensure_one()
        action = self.env.ref('aftersales_returns.aftersales_ticket_action').read()[0]
        action['domain'] = [('lead_id', '=', self.id)]
        action['context'] = {'create': False}
        return action
