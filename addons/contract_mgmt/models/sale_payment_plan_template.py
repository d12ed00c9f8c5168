from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class SalePaymentPlanTemplate(models.Model):
    """A payment-term template (回款条件), e.g. 30 % on signing, 60 % on delivery, 10 % after acceptance:
    a contract or order approved with it gets its instalments generated."""
    _name = 'sale.payment.plan.template'
    _description = 'Payment Plan Template'
    _inherit = 'crm.config.list.mixin'
    _order = 'sequence, id'

    line_ids = fields.One2many('sale.payment.plan.template.line', 'template_id', string='Instalments', copy=True)
    note = fields.Text(translate=True)

    @api.constrains('line_ids')
    def _check_percentages(self):
        for template in self:
            total = sum(template.line_ids.mapped('percent'))
            if template.line_ids and abs(total - 100.0) > 0.001:
                raise ValidationError(_('The instalments of payment plan template %(name)s add up to %(total)s %%, '
                                        'not 100 %%.') % {'name': template.name, 'total': round(total, 3)})

    def _instalment_values(self, amount, currency):
        """The instalments for ``amount``: the last one takes the rounding remainder so that they add up."""
        self.ensure_one()
        values, remaining = [], amount
        lines = self.line_ids.sorted(lambda l: (l.sequence, l.id))
        for index, line in enumerate(lines):
            share = remaining if index == len(lines) - 1 else currency.round(amount * line.percent / 100.0)
            remaining -= share
            values.append({'sequence': line.sequence, 'name': line.name, 'amount': share, 'trigger': line.trigger,
                           'days_after': line.days_after})
        return values
