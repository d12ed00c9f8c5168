from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class AftersalesTicketWorkLog(models.Model):
    """Time an agent spent on a ticket; their sum is the ticket's time spent."""
    _name = 'aftersales.ticket.work.log'
    _description = 'Service Ticket Work Log'
    _order = 'date desc, id desc'

    ticket_id = fields.Many2one('aftersales.ticket', string='Ticket', required=True, index=True, ondelete='cascade')
    user_id = fields.Many2one('res.users', string='Agent', required=True, default=lambda self: self.env.user)
    date = fields.Date(required=True, default=fields.Date.context_today)
    hours = fields.Float(required=True)
    name = fields.Char('Work Done', required=True)
    company_id = fields.Many2one(related='ticket_id.company_id', store=True, readonly=True, index=True)

    @api.constrains('hours')
    def _check_hours(self):
        for log in self:
            if log.hours <= 0 or log.hours > 24:
                raise ValidationError(_('The hours of a work log must be more than 0 and at most 24.'))
