from odoo import fields, models


class SalesResourcePlanMember(models.Model):
    """One person's part of a resource plan: their share of the target, the deals it takes and what their
    pipeline promises now. Written by the plan's Compute button only."""
    _name = 'sales.resource.plan.member'
    _description = 'Resource Plan Person'
    _order = 'plan_id, id'

    plan_id = fields.Many2one('sales.resource.plan', string='Resource Plan', required=True, index=True,
                              ondelete='cascade')
    company_id = fields.Many2one('res.company', related='plan_id.company_id', store=True, index=True, readonly=True)
    currency_id = fields.Many2one(related='plan_id.currency_id', readonly=True)
    user_id = fields.Many2one('res.users', string='Salesperson', required=True, index=True, ondelete='cascade')
    team_id = fields.Many2one('crm.team', string='Sales Team')
    share = fields.Float('Share (%)', digits=(16, 1),
                         help='By the person\'s targets under the plan target, else equal among the members.')
    target_amount = fields.Monetary('Target Amount', currency_field='currency_id')
    required_won_count = fields.Integer('Required Won Deals')
    won_count = fields.Integer('Won in Period')
    won_amount = fields.Monetary('Won Amount in Period', currency_field='currency_id')
    pipeline_count = fields.Integer('Open Opportunities')
    pipeline_amount = fields.Monetary('Open Pipeline', currency_field='currency_id')
    expected_amount = fields.Monetary('Expected from Pipeline', currency_field='currency_id',
                                      help='Open pipeline weighted by the conversion rate of each stage.')
    gap_amount = fields.Monetary('Gap', currency_field='currency_id',
                                 help='Target minus won in the period minus expected from the pipeline.')
    gap_deal_count = fields.Integer('Further Deals Needed',
                                    help='The gap in deals of the average size, to be found beyond the pipeline.')
