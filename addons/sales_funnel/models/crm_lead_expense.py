from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class CrmLeadExpense(models.Model):
    """A sales expense spent on an opportunity, in the company currency, with its receipt. The
    opportunity sums them against its budget; the analytics read the sum as its cost."""
    _name = 'crm.lead.expense'
    _description = 'Sales Expense'
    _order = 'date desc, id desc'

    lead_id = fields.Many2one('crm.lead', 'Opportunity', required=True, index=True, ondelete='cascade')
    expense_type_id = fields.Many2one('crm.lead.expense.type', 'Expense Type', required=True, index=True,
                                      ondelete='restrict')
    amount = fields.Monetary(required=True, currency_field='currency_id')
    currency_id = fields.Many2one(related='company_id.currency_id', readonly=True, string='Currency')
    date = fields.Date(required=True, index=True, default=fields.Date.context_today)
    description = fields.Char()
    receipt = fields.Binary(attachment=True, copy=False, help='A scan or photo of the invoice or receipt.')
    receipt_filename = fields.Char('Receipt File Name', copy=False)
    user_id = fields.Many2one('res.users', 'Spent By', required=True, index=True, ondelete='restrict',
                              default=lambda self: self.env.user)
    company_id = fields.Many2one(related='lead_id.company_id', store=True, readonly=True, index=True)

    @api.constrains('amount')
    def _check_amount(self):
        # as superuser: a constraint runs before the record rules say whether the user may create it
        if any(expense.amount <= 0 for expense in self.sudo()):
            raise ValidationError(_('The amount of a sales expense must be greater than zero.'))
