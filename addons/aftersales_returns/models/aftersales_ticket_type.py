from odoo import fields, models

ASSIGNMENT_METHODS = [
    ('manual', 'By hand'),
    ('region', "By the customer's region"),
    ('balanced', 'Round robin by load'),
]


class AftersalesTicketType(models.Model):
    """What a service ticket is about (installation, repair, complaint, consultation ...), and how new tickets
    of that type find their agent."""
    _name = 'aftersales.ticket.type'
    _inherit = 'crm.config.list.mixin'
    _description = 'Service Ticket Type'

    assignment_method = fields.Selection(
        ASSIGNMENT_METHODS, string='Assignment', default='balanced', required=True,
        help="By hand: a new ticket waits for someone to assign it. By the customer's region: the agent with the "
             "fewest open tickets among the after-sales teams covering the customer's region (all teams of the "
             "type when none covers it). Round robin by load: the agent with the fewest open tickets among the "
             "teams handling the type; on a tie, the one whose last assignment is the oldest.")
    template_ids = fields.One2many('aftersales.ticket.template', 'type_id', string='Process Templates')
