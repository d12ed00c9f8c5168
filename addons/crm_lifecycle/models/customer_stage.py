from odoo import api, fields, models

from .in_use_guard import check_not_used_by_partners


class CustomerStage(models.Model):
    """A stage of the customer lifecycle: 潜在 → 意向 → 成交 → 忠诚 → 流失."""
    _name = 'crm.customer.stage'
    _description = 'Customer Lifecycle Stage'
    _order = 'sequence, id'

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    fold = fields.Boolean('Folded in Kanban')
    is_won_stage = fields.Boolean(
        'First Won Deal Moves Here',
        help='When an opportunity of a customer in an earlier stage is won, the customer moves to this stage.')
    is_churn_stage = fields.Boolean(
        'Churn Stage', help='Customers in this stage are lost. Moving a customer here requires a churn reason.')
    company_id = fields.Many2one(
        'res.company', index=True, help='Leave empty to share the stage between all companies.')

    @api.multi
    def unlink(self):
        check_not_used_by_partners(self, 'customer_stage_id')
        return super(CustomerStage, self).unlink()
