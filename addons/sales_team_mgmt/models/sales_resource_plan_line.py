from odoo import fields, models

RATE_SOURCES = [
    ('history', 'Conversion History'),
    ('probability', 'Stage Probability'),
    ('won', 'Won Stage'),
]


class SalesResourcePlanLine(models.Model):
    """One stage of a resource plan's sales method: how many opportunities must be there to win the required
    deals at the stage's conversion rate, and how many the scope has there now. Written by the plan's Compute
    button only."""
    _name = 'sales.resource.plan.line'
    _description = 'Resource Plan Stage'
    _order = 'plan_id, sequence, id'

    plan_id = fields.Many2one('sales.resource.plan', string='Resource Plan', required=True, index=True,
                              ondelete='cascade')
    company_id = fields.Many2one('res.company', related='plan_id.company_id', store=True, index=True, readonly=True)
    currency_id = fields.Many2one(related='plan_id.currency_id', readonly=True)
    sequence = fields.Integer()
    stage_id = fields.Many2one('crm.stage', string='Stage', required=True, ondelete='cascade')
    conversion_rate = fields.Float('Conversion to Won (%)', digits=(16, 1),
                                   help='Of the opportunities that entered this stage in the last 12 months and '
                                        'are closed, the share that was won.')
    rate_source = fields.Selection(RATE_SOURCES, string='Rate From',
                                   help='Conversion history when enough opportunities of the stage are closed '
                                        '(the company\'s minimum for the forecast), else the stage probability.')
    closed_count = fields.Integer('Closed in History')
    required_count = fields.Integer('Required Opportunities')
    pipeline_count = fields.Integer('In Pipeline Now',
                                    help='Open opportunities of the scope in this stage; for the won stage, the '
                                         'opportunities won in the period.')
    pipeline_amount = fields.Monetary('Pipeline Amount', currency_field='currency_id')
    gap_count = fields.Integer('Gap', help='Required minus in pipeline now: how many are still missing.')
