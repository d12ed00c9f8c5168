from odoo import api, fields, models


class CrmLeadTicket(models.Model):
    """The service tickets an opportunity came from."""
    _inherit = 'crm.lead'

    ticket_ids = fields.One2many('aftersales.ticket', 'lead_id', string='Service Tickets', readonly=True)
    ticket_count = fields.Integer('Service Tickets', compute='_compute_ticket_count')

    def _compute_ticket_count(self):
        # counted as the user: a salesperson counts the tickets he may read
        Ticket = self.env['aftersales.ticket']
        if not Ticket.check_access_rights('read', raise_exception=False):
            for record in self:
                record.ticket_count = 0
            return
        counts = {row['lead_id'][0]: row['lead_id_count'] for row in Ticket.read_group(
            [('lead_id', 'in', self.ids)], ['lead_id'], ['lead_id'])}
        for lead in self:
            lead.ticket_count = counts.get(lead.id, 0)

    @api.multi
    def action_view_tickets(self):
        self.ensure_one()
        action = self.env.ref('aftersales_returns.aftersales_ticket_action').read()[0]
        action['domain'] = [('lead_id', '=', self.id)]
        action['context'] = {'create': False}
        return action
