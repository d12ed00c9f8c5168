from odoo import api, fields, models, tools

OUTCOMES = [('open', 'Open'), ('won', 'Won'), ('lost', 'Lost')]


class CrmFunnelOutcomeReport(models.Model):
    """One row per opportunity of the funnel, from the stage history only: where it stands (its last
    history row: won, lost or still open), its sales cycle and, if lost, the stage it was lost at.
    Pivot it by salesperson against the total for win rate, average deal size and sales cycle compared
    with the company.

    History rows are written in chronological order (at the moment of each change; demo data loads
    them in order), so the highest id of an opportunity is its latest row.
    """
    _name = 'crm.funnel.outcome.report'
    _description = 'Win/Loss Analysis'
    _auto = False
    _rec_name = 'lead_id'
    _order = 'date_created desc'

    lead_id = fields.Many2one('crm.lead', 'Opportunity', readonly=True)
    sales_method_id = fields.Many2one('crm.sales.method', 'Sales Method', readonly=True)
    user_id = fields.Many2one('res.users', 'Salesperson', readonly=True)
    team_id = fields.Many2one('crm.team', 'Sales Team', readonly=True)
    company_id = fields.Many2one('res.company', 'Company', readonly=True)
    date_created = fields.Datetime('Entered the Funnel', readonly=True)
    date_closed = fields.Datetime('Closed On', readonly=True)
    outcome = fields.Selection(OUTCOMES, readonly=True)
    stage_id = fields.Many2one('crm.stage', 'Last Stage', readonly=True)
    lost_stage_id = fields.Many2one('crm.stage', 'Lost at Stage', readonly=True)
    opportunity_count = fields.Integer('# Opportunities', readonly=True)
    amount = fields.Float('Expected Revenue', readonly=True)
    won_amount = fields.Float('Won Revenue', readonly=True)
    win_rate = fields.Float('Win Rate (%)', readonly=True, group_operator='avg', digits=(16, 1),
                            help='Share of the closed opportunities that were won.')
    won_deal_size = fields.Float('Average Won Deal', readonly=True, group_operator='avg', digits=(16, 0))
    cycle_days = fields.Float('Sales Cycle (days)', readonly=True, group_operator='avg', digits=(16, 1),
                              help='Days from entering the funnel to being won or lost.')
    cost = fields.Float('Sales Expenses', readonly=True, help='The sales expenses booked on the opportunity.')

    @api.model_cr
    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute("""
            CREATE OR REPLACE VIEW crm_funnel_outcome_report AS (
                WITH bounds AS (
                    SELECT lead_id, MIN(date) AS date_created, MAX(id) AS last_id
                      FROM crm_lead_stage_history
                     GROUP BY lead_id
                )
                SELECT bounds.lead_id AS id,
                       bounds.lead_id,
                       last.sales_method_id,
                       last.user_id,
                       last.team_id,
                       last.company_id,
                       bounds.date_created,
                       CASE WHEN last.event IN ('won', 'lost') THEN last.date END AS date_closed,
                       CASE WHEN last.event IN ('won', 'lost') THEN last.event ELSE 'open' END AS outcome,
                       COALESCE(last.to_stage_id, last.from_stage_id) AS stage_id,
                       CASE WHEN last.event = 'lost' THEN last.from_stage_id END AS lost_stage_id,
                       1 AS opportunity_count,
                       last.amount,
                       CASE WHEN last.event = 'won' THEN last.amount ELSE 0 END AS won_amount,
                       CASE WHEN last.event = 'won' THEN 100.0 WHEN last.event = 'lost' THEN 0.0 END AS win_rate,
                       CASE WHEN last.event = 'won' THEN last.amount END AS won_deal_size,
                       CASE WHEN last.event IN ('won', 'lost')
                            THEN EXTRACT(EPOCH FROM last.date - bounds.date_created) / 86400.0 END AS cycle_days,
                       COALESCE(lead.expense_total, 0) AS cost
                  FROM bounds
                  JOIN crm_lead_stage_history last ON last.id = bounds.last_id
                  JOIN crm_lead lead ON lead.id = bounds.lead_id
            )""")
