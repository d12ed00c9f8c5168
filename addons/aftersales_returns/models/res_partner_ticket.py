from odoo import api, fields, models


class ResPartnerTicket(models.Model):
    """The customer's service tickets, for its 360° view."""
    _inherit = 'res.partner'

    ticket_ids = fields.One2many('aftersales.ticket', 'partner_id', string='Service Tickets', readonly=True)
    ticket_count = fields.Integer('Service Tickets', compute='_compute_ticket_count')

    def _compute_ticket_count(self):
        Ticket = self.env['aftersales.ticket']
        if not Ticket.check_access_rights('read', raise_exception=False):
            for record in self:
                record.ticket_count = 0
            return
        counts = {row['partner_id'][0]: row['partner_id_count'] for row in Ticket.read_group(
            [('partner_id', 'in', self.ids)], ['partner_id'], ['partner_id'])}
        for partner in self:
            partner.ticket_count = counts.get(partner.id, 0)

    @api.multi
    def action_view_tickets(self):
        self.ensure_one()
        action = self.env.ref('aftersales_returns.aftersales_ticket_action').read()[0]
        action['domain'] = [('partner_id', '=', self.id)]
        action['context'] = {'default_partner_id': self.id}
        return action
