from odoo import api, fields, models, tools

OUTCOMES = [('open', 'Open'), ('won', 'Won'), ('lost', 'Lost')]


class CrmCompetitorDealReport(models.Model):
    """The deals each competitor was in: one row per competitor recorded on an opportunity, with the
    opportunity's outcome, whether the deal was lost to this competitor, and our price against theirs.
    Pivot by competitor for count, amount and win rate with it present; by month and team for the amount
    lost to it; the price gap on lost deals."""
    _name = 'crm.competitor.deal.report'
    _description = 'Deals by Competitor'
    _auto = False
    _rec_name = 'lead_id'
    _order = 'date_closed desc'

    competitor_id = fields.Many2one('crm.competitor', 'Competitor', readonly=True)
    lead_id = fields.Many2one('crm.lead', 'Opportunity', readonly=True)
    user_id = fields.Many2one('res.users', 'Salesperson', readonly=True)
    team_id = fields.Many2one('crm.team', 'Sales Team', readonly=True)
    company_id = fields.Many2one('res.company', 'Company', readonly=True)
    date_closed = fields.Datetime('Closed On', readonly=True)
    outcome = fields.Selection(OUTCOMES, readonly=True)
    status = fields.Selection([('active', 'In Competition'), ('eliminated', 'Eliminated'), ('winner', 'Winner')],
                              'Competitor Status', readonly=True)
    deal_count = fields.Integer('# Deals', readonly=True)
    amount = fields.Float('Expected Revenue', readonly=True)
    win_rate = fields.Float('Our Win Rate (%)', readonly=True, group_operator='avg', digits=(16, 1),
                            help='Of the closed deals this competitor was in, the share we won.')
    lost_to_count = fields.Integer('# Lost to It', readonly=True)
    amount_lost_to = fields.Float('Amount Lost to It', readonly=True)
    our_price = fields.Float('Our Price', readonly=True, help='Our expected revenue, on the deals lost to it.')
    their_price = fields.Float('Their Price', readonly=True, help='Its winning price, on the deals lost to it.')
    price_gap = fields.Float('Price Gap', readonly=True, help='Our price minus theirs, on the deals lost to it.')
    price_gap_percent = fields.Float('Price Gap (%)', readonly=True, group_operator='avg', digits=(16, 1))

    @api.model_cr
    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute("""
            CREATE OR REPLACE VIEW crm_competitor_deal_report AS (
                WITH deal AS (
                    SELECT line.id, line.competitor_id, line.lead_id, line.status, line.bid_price,
                           lead.user_id, lead.team_id, lead.company_id, lead.planned_revenue, lead.date_closed,
                           CASE WHEN lead.active AND lead.probability >= 100 THEN 'won'
                                WHEN NOT lead.active AND lead.probability = 0 THEN 'lost'
                                ELSE 'open' END AS outcome
                      FROM crm_lead_competitor line
                      JOIN crm_lead lead ON lead.id = line.lead_id
                )
                SELECT deal.id, deal.competitor_id, deal.lead_id, deal.user_id, deal.team_id, deal.company_id,
                       deal.date_closed, deal.outcome, deal.status,
                       1 AS deal_count,
                       deal.planned_revenue AS amount,
                       CASE deal.outcome WHEN 'won' THEN 100.0 WHEN 'lost' THEN 0.0 END AS win_rate,
                       CASE WHEN deal.outcome = 'lost' AND deal.status = 'winner' THEN 1 ELSE 0 END AS lost_to_count,
                       CASE WHEN deal.outcome = 'lost' AND deal.status = 'winner' THEN deal.planned_revenue ELSE 0 END
                           AS amount_lost_to,
                       CASE WHEN deal.outcome = 'lost' AND deal.status = 'winner' THEN deal.planned_revenue END
                           AS our_price,
                       CASE WHEN deal.outcome = 'lost' AND deal.status = 'winner' THEN deal.bid_price END
                           AS their_price,
                       CASE WHEN deal.outcome = 'lost' AND deal.status = 'winner'
                            THEN deal.planned_revenue - deal.bid_price END AS price_gap,
                       CASE WHEN deal.outcome = 'lost' AND deal.status = 'winner' AND deal.bid_price > 0
                            THEN 100.0 * (deal.planned_revenue - deal.bid_price) / deal.bid_price END
                           AS price_gap_percent
                  FROM deal
            )""")
