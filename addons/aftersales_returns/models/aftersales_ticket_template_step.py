from odoo import fields, models


class AftersalesTicketTemplateStep(models.Model):
    """One step of a process template; a mandatory step must be done before the ticket can be closed."""
    _name = 'aftersales.ticket.template.step'
    _description = 'Service Process Step'
    _order = 'sequence, id'

    template_id = fields.Many2one('aftersales.ticket.template', string='Template', required=True, index=True,
                                  ondelete='cascade')
    # the template's company, stored for the record rule: another company's steps stay hidden
    company_id = fields.Many2one(related='template_id.company_id', store=True, index=True, readonly=True)
    name = fields.Char('Step', required=True, translate=True)
    sequence = fields.Integer(default=10)
    mandatory = fields.Boolean(default=True, help='The ticket cannot be closed before this step is done.')
