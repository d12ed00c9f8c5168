from odoo import api, fields, models, tools


class CrmCompetitorWinlossReport(models.Model):
    """Win/loss by competitor, per company: of our closed opportunities, those this competitor was in and
    those it was not, with our win rate in each case, and what we lost to it. Present vs absent says how
    much harder a deal gets when it is there."""
    _name = 'crm.competitor.winloss.report'
    _description = 'Win/Loss by Competitor'
    _auto = False
    _rec_name = 'competitor_id'
    _order = 'amount_lost_to desc'

    competitor_id = fields.Many2one('crm.competitor', 'Competitor', readonly=True)
    company_id = fields.Many2one('res.company', 'Company', readonly=True)
    present_count = fields.Integer('Closed Deals with It', readonly=True)
    present_amount = fields.Float('Amount of Deals with It', readonly=True)
    present_won_count = fields.Integer('Won with It', readonly=True)
    present_win_rate = fields.Float('Win Rate with It (%)', readonly=True, group_operator='avg', digits=(16, 1))
    absent_count = fields.Integer('Closed Deals without It', readonly=True)
    absent_won_count = fields.Integer('Won without It', readonly=True)
    absent_win_rate = fields.Float('Win Rate without It (%)', readonly=True, group_operator='avg', digits=(16, 1))
    lost_to_count = fields.Integer('Lost to It', readonly=True)
    amount_lost_to = fields.Float('Amount Lost to It', readonly=True)

    @api.model_cr
    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute("""
            CREATE OR REPLACE VIEW crm_competitor_winloss_report AS (
                WITH closed AS (
                    SELECT id, company_id, planned_revenue, active AND probability >= 100 AS won
                      FROM crm_lead
                     WHERE type = 'opportunity'
                       AND ((active AND probability >= 100) OR (NOT active AND probability = 0))
                ), presence AS (
                    SELECT competitor_id, lead_id, BOOL_OR(status = 'winner') AS winner
                      FROM crm_lead_competitor
                     GROUP BY competitor_id, lead_id
                ), counted AS (
                    SELECT competitor.id AS competitor_id, closed.company_id,
                           COUNT(presence.lead_id) AS present_count,
                           SUM(closed.planned_revenue) FILTER (WHERE presence.lead_id IS NOT NULL) AS present_amount,
                           COUNT(presence.lead_id) FILTER (WHERE closed.won) AS present_won_count,
                           COUNT(*) FILTER (WHERE presence.lead_id IS NULL) AS absent_count,
                           COUNT(*) FILTER (WHERE presence.lead_id IS NULL AND closed.won) AS absent_won_count,
                           COUNT(*) FILTER (WHERE presence.winner AND NOT closed.won) AS lost_to_count,
                           COALESCE(SUM(closed.planned_revenue) FILTER (WHERE presence.winner AND NOT closed.won), 0)
                               AS amount_lost_to
                      FROM crm_competitor competitor
                      JOIN closed ON competitor.company_id IS NULL OR closed.company_id = competitor.company_id
                      LEFT JOIN presence ON presence.competitor_id = competitor.id AND presence.lead_id = closed.id
                     WHERE competitor.active
                     GROUP BY competitor.id, closed.company_id
                )
                SELECT counted.competitor_id * 1000 + COALESCE(counted.company_id, 0) AS id,
                       counted.*,
                       CASE WHEN present_count > 0 THEN 100.0 * present_won_count / present_count END
                           AS present_win_rate,
                       CASE WHEN absent_count > 0 THEN 100.0 * absent_won_count / absent_count END
                           AS absent_win_rate
                  FROM counted
            )""")
