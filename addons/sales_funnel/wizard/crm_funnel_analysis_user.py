from odoo import fields, models


class CrmFunnelAnalysisUser(models.TransientModel):
    """One salesperson of the funnel analysis, with the differences to the company average."""
    _name = 'crm.funnel.analysis.user'
    _description = 'Funnel Analysis by Salesperson'
    _order = 'win_rate desc, id'

    wizard_id = fields.Many2one('crm.funnel.analysis.wizard', required=True, ondelete='cascade')
    user_id = fields.Many2one('res.users', 'Salesperson', readonly=True)
    stage_days = fields.Float('Days per Stage', readonly=True, digits=(16, 1))
    stage_days_vs_company = fields.Float('vs Company (days)', readonly=True, digits=(16, 1))
    promotion_rate = fields.Float('Promotion Rate (%)', readonly=True, digits=(16, 1))
    closed_count = fields.Integer('# Closed', readonly=True)
    win_rate = fields.Float('Win Rate (%)', readonly=True, digits=(16, 1))
    win_rate_vs_company = fields.Float('vs Company (points)', readonly=True, digits=(16, 1))
    cycle_days = fields.Float('Sales Cycle (days)', readonly=True, digits=(16, 1))
    cycle_days_vs_company = fields.Float('vs Company (days)', readonly=True, digits=(16, 1))
    won_deal_size = fields.Float('Average Won Deal', readonly=True, digits=(16, 0))
    cost = fields.Float('Sales Expenses', readonly=True, digits=(16, 0))
    roi = fields.Float('ROI (%)', readonly=True, digits=(16, 0),
                       help='Won revenue less the sales expenses, per yuan of sales expenses, of the closed ones.')
