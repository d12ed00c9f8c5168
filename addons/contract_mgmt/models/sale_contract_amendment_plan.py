from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .sale_payment_plan_template_line import TRIGGERS


class SaleContractAmendmentPlan(models.Model):
    """A new instalment an amendment puts in place of the contract's instalments not invoiced yet."""
    _name = 'sale.contract.amendment.plan'
    _description = 'Contract Amendment New Instalment'
    _order = 'amendment_id, sequence, id'

    amendment_id = fields.Many2one('sale.contract.amendment', string='Amendment', required=True, ondelete='cascade',
                                   index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char('Instalment', required=True)
    amount = fields.Monetary(required=True)
    trigger = fields.Selection(TRIGGERS, 'Due', required=True, default='date')
    days_after = fields.Integer('Days After')
    due_date = fields.Date()
    currency_id = fields.Many2one(related='amendment_id.currency_id', readonly=True)
    company_id = fields.Many2one(related='amendment_id.company_id', store=True, readonly=True, index=True)

    @api.constrains('amount', 'trigger', 'due_date', 'days_after')
    def _check_instalment(self):
        for line in self:
            if line.amount <= 0:
                raise ValidationError(_('An instalment amount must be positive.'))
            if line.trigger == 'date' and not line.due_date:
                raise ValidationError(_('Instalment %s falls due on a fixed date: give the date.') % line.name)
            if line.days_after < 0:
                raise ValidationError(_('Days after the trigger cannot be negative.'))

    @api.model
    def create(self, vals):
        line = super(SaleContractAmendmentPlan, self).create(vals)
        line._check_amendment_editable()
        return line

    @api.multi
    def write(self, vals):
        self._check_amendment_editable()
        return super(SaleContractAmendmentPlan, self).write(vals)

    @api.multi
    def unlink(self):
        self._check_amendment_editable()
        return super(SaleContractAmendmentPlan, self).unlink()

    def _check_amendment_editable(self):
        if self.env.user._is_superuser():
            return
        for amendment in self.mapped('amendment_id').filtered(lambda a: a.state != 'draft'):
            raise UserError(_('Amendment %(name)s is %(state)s: its new instalments can no longer be edited.') % {
                'name': amendment.name, 'state': amendment._state_label(amendment.state)})

    def _instalment_values(self):
        return {'sequence': 100 + self.sequence, 'name': self.name, 'amount': self.amount, 'trigger': self.trigger,
                'days_after': self.days_after, 'due_date': self.due_date}
