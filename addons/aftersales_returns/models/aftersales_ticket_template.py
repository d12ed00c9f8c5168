from odoo import fields, models


class AftersalesTicketTemplate(models.Model):
    """The process of a ticket type: steps copied onto each new ticket of the type as its checklist."""
    _name = 'aftersales.ticket.template'
    _description = 'Service Process Template'
    _order = 'sequence, id'

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    type_id = fields.Many2one('aftersales.ticket.type', string='Ticket Type', required=True, index=True,
                              ondelete='cascade')
    step_ids = fields.One2many('aftersales.ticket.template.step', 'template_id', string='Steps', copy=True)
    company_id = fields.Many2one(
        'res.company', index=True,
        default=lambda self: self.env['res.company']._company_default_get('aftersales.ticket.template'),
        help='Leave empty to share the template between all companies.')
