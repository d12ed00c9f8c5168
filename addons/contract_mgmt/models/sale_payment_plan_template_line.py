from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

TRIGGERS = [
    ('date', 'Fixed Date'),
    ('sign', 'On Signing'),
    ('delivery', 'On Delivery'),
    ('acceptance', 'On Acceptance'),
]


class SalePaymentPlanTemplateLine(models.Model):
    _name = 'sale.payment.plan.template.line'
    _description = 'Payment Plan Template Instalment'
    _order = 'template_id, sequence, id'

    template_id = fields.Many2one('sale.payment.plan.template', required=True, ondelete='cascade', index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char('Instalment', required=True, translate=True, help='e.g. 预付款, 发货款, 验收款, 质保金')
    percent = fields.Float('Percentage', digits=(16, 3), required=True)
    trigger = fields.Selection(TRIGGERS, 'Due', required=True, default='sign',
                               help='What makes the instalment due: signing, delivery, acceptance; a fixed date '
                                    '(counted from the contract start) otherwise.')
    days_after = fields.Integer('Days After', help='Days granted after the trigger (or after the start date).')

    @api.constrains('percent', 'days_after')
    def _check_values(self):
        for line in self:
            if line.percent <= 0 or line.percent > 100:
                raise ValidationError(_('An instalment takes more than 0 and at most 100 %.'))
            if line.days_after < 0:
                raise ValidationError(_('Days after the trigger cannot be negative.'))
