from odoo import api, fields, models

from .in_use_guard import check_not_used_by_partners


def _company_strategy_default(field_name):
    """Default of a strategy field: the value the company set in Settings ▸ CRM for new categories."""
    return lambda self: self._strategy_company().sudo()['category_default_%s' % field_name]


class CustomerCategory(models.Model):
    """A customer category (A 重点 / B / C / D) and the strategy that goes with it."""
    _name = 'crm.customer.category'
    _description = 'Customer Category'
    _order = 'sequence, id'

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        'res.company', required=True, index=True,
        default=lambda self: self.env['res.company']._company_default_get('crm.customer.category'))
    follow_up_interval_days = fields.Integer(
        'Follow-up Interval (days)', default=_company_strategy_default('follow_up_interval_days'),
        help='A salesperson should follow up customers of this category at least this often.')
    recall_days_without_follow_up = fields.Integer(
        'Recall after Days without Follow-up', default=_company_strategy_default('recall_days_without_follow_up'),
        help='Customers not followed up for this many days return to the public pool. 0 = never.')
    recall_days_without_won = fields.Integer(
        'Recall after Days without Won Deal', default=_company_strategy_default('recall_days_without_won'),
        help='Customers without a won opportunity for this many days return to the public pool. 0 = never.')
    max_customers_per_salesperson = fields.Integer(
        'Max Customers per Salesperson', default=_company_strategy_default('max_customers_per_salesperson'),
        help='How many customers of this category one salesperson may hold. 0 = no limit.')
    partner_count = fields.Integer(compute='_compute_partner_count', string='Customers')

    _sql_constraints = [
        ('code_company_uniq', 'unique(code, company_id)', 'The category code must be unique per company.'),
        ('strategy_non_negative',
         'CHECK(follow_up_interval_days >= 0 AND recall_days_without_follow_up >= 0 '
         'AND recall_days_without_won >= 0 AND max_customers_per_salesperson >= 0)',
         'Strategy days and limits cannot be negative.'),
    ]

    @api.model
    def create(self, vals):
        if vals.get('company_id'):
            # the strategy defaults come from the category's company, not the user's
            self = self.with_context(default_company_id=vals['company_id'])
        return super(CustomerCategory, self).create(vals)

    @api.multi
    def unlink(self):
        check_not_used_by_partners(self, 'customer_category_id')
        return super(CustomerCategory, self).unlink()

    @api.model
    def _strategy_company(self):
        company_id = self.env.context.get('default_company_id')
        if company_id:
            return self.env['res.company'].browse(company_id)
        return self.env['res.company']._company_default_get('crm.customer.category')

    def _compute_partner_count(self):
        counts = self.env['res.partner'].read_group(
            [('customer_category_id', 'in', self.ids)], ['customer_category_id'], ['customer_category_id'])
        by_category = {c['customer_category_id'][0]: c['customer_category_id_count'] for c in counts}
        for category in self:
            category.partner_count = by_category.get(category.id, 0)
