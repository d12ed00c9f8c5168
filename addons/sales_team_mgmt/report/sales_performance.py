from odoo import api, fields, models, tools

from odoo.addons.contract_mgmt.models.sale_contract import LOCKED_STATES

# Plans whose targets are a person's quota: approved by the director (or further on).
QUOTA_PLAN_STATES = ('approved', 'issued', 'executing', 'closed')

# A salesperson's quota: their monthly signed-amount targets (no product, one calendar month) of those plans,
# by the month's first day (parameter quota_states).
QUOTA_TARGETS = """
    SELECT p.company_id, l.user_id, l.date_start AS date, l.target
      FROM sales_plan_line l
      JOIN sales_plan p ON p.id = l.plan_id AND p.state IN %(quota_states)s
     WHERE l.metric = 'signed_amount' AND l.user_id IS NOT NULL
       AND l.product_id IS NULL AND l.product_categ_id IS NULL
       AND date_trunc('month', l.date_start) = date_trunc('month', l.date_end)
       -- a month target split further (weeks) counts once, not again with its parts
       AND NOT EXISTS (SELECT 1 FROM sales_plan_line parent
                        WHERE parent.id = l.parent_id AND parent.user_id = l.user_id
                          AND date_trunc('month', parent.date_start) = date_trunc('month', parent.date_end))"""


class SalesPerformance(models.Model):
    """Performance of each salesperson per month and company, with the team, department and region the person
    works in now (their sales team, the top of its tree, the region of the nearest team that has one).

    Quota: the person's monthly signed-amount targets (sales.plan.line with the user, no product, covering one
    calendar month, of approved plans) against the contracts they signed that month (as in the plan attainment).
    Won/lost deals, won amount, sales cycle and stage promotion cycle come from the sales_funnel stage history,
    by the owner at the time of the event: the sales cycle runs from the opportunity's first history event (its
    creation or conversion) to its win; the promotion cycle averages the days spent in a stage before moving on
    (stage changes and wins), compared with the average of the whole company in the same month.
    Invoiced: customer invoices minus credit notes by invoice date; collected: the part of each payment
    reconciled with a customer invoice, by payment date. Rates are empty where undefined (no deal closed, nothing
    invoiced, no quota); grouped, rates show the average of the rows.
    """
    _name = 'sales.performance'
    _description = 'Sales Performance'
    _auto = False
    _rec_name = 'user_id'
    _order = 'date desc, company_id, user_id'

    date = fields.Date('Month', readonly=True)
    company_id = fields.Many2one('res.company', 'Company', readonly=True)
    user_id = fields.Many2one('res.users', 'Salesperson', readonly=True)
    team_id = fields.Many2one('crm.team', 'Sales Team', readonly=True)
    department_id = fields.Many2one('crm.team', 'Sales Department', readonly=True,
                                    help='The top of the team tree the salesperson works in.')
    region_id = fields.Many2one('crm.customer.region', 'Sales Region', readonly=True)
    quota_target = fields.Float('Quota', readonly=True, group_operator='sum',
                                help='Monthly signed-amount targets of the salesperson in approved plans.')
    signed_amount = fields.Float('Signed Amount', readonly=True, group_operator='sum')
    quota_attainment = fields.Float('Quota Attainment (%)', readonly=True, group_operator='avg',
                                    help='Signed amount as a percentage of the quota.')
    won_count = fields.Integer('Won Deals', readonly=True, group_operator='sum')
    lost_count = fields.Integer('Lost Deals', readonly=True, group_operator='sum')
    win_rate = fields.Float('Win Rate (%)', readonly=True, group_operator='avg',
                            help='Won deals as a percentage of the deals won or lost.')
    won_amount = fields.Float('Won Amount', readonly=True, group_operator='sum',
                              help='Expected revenue of the opportunities won, when they were won.')
    average_deal_size = fields.Float('Average Deal Size', readonly=True, group_operator='avg')
    invoiced_amount = fields.Float('Invoiced Amount', readonly=True, group_operator='sum')
    collected_amount = fields.Float('Collected Amount', readonly=True, group_operator='sum')
    collection_rate = fields.Float('Collection Rate (%)', readonly=True, group_operator='avg',
                                   help='Collected amount as a percentage of the invoiced amount.')
    sales_cycle_days = fields.Float('Sales Cycle (Days)', readonly=True, group_operator='avg',
                                    help='Average days from the creation of the opportunities won to their win.')
    promotion_days = fields.Float('Stage Promotion Cycle (Days)', readonly=True, group_operator='avg',
                                  help='Average days the salesperson\'s opportunities spent in a stage before '
                                       'moving on.')
    company_promotion_days = fields.Float('Company Promotion Cycle (Days)', readonly=True, group_operator='avg',
                                          help='The same average over the whole company in that month.')
    promotion_ratio = fields.Float('Promotion Cycle vs Company', readonly=True, group_operator='avg',
                                   help='The salesperson\'s promotion cycle divided by the company\'s: below 1 is '
                                        'faster than average.')

    @api.model_cr
    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute("""
            CREATE OR REPLACE VIEW sales_performance AS (
                WITH RECURSIVE team_path(team_id, ancestor_id, parent_id, region_id, depth) AS (
                    SELECT id, id, parent_id, region_id, 0 FROM crm_team
                    UNION ALL
                    SELECT path.team_id, team.id, team.parent_id, team.region_id, path.depth + 1
                      FROM team_path path JOIN crm_team team ON team.id = path.parent_id
                ),
                team_place AS (
                    SELECT team_id,
                           (array_agg(ancestor_id ORDER BY depth DESC))[1] AS department_id,
                           (array_agg(region_id ORDER BY depth) FILTER (WHERE region_id IS NOT NULL))[1]
                               AS region_id
                      FROM team_path GROUP BY team_id
                ),
                fact AS (
                    SELECT q.company_id, q.user_id, date_trunc('month', q.date)::date AS month,
                           q.target AS quota_target, 0.0 AS signed_amount, 0 AS won_count, 0 AS lost_count,
                           0.0 AS won_amount, 0.0 AS cycle_days, 0.0 AS promotion_days, 0 AS promotion_count,
                           0.0 AS invoiced_amount, 0.0 AS collected_amount
                      FROM (""" + QUOTA_TARGETS + """) q
                    UNION ALL
                    SELECT c.company_id, c.user_id, date_trunc('month', c.sign_date)::date, 0.0, c.amount_total,
                           0, 0, 0.0, 0.0, 0.0, 0, 0.0, 0.0
                      FROM sale_contract c
                     WHERE c.state IN %(locked)s AND c.sign_date IS NOT NULL AND c.user_id IS NOT NULL
                    UNION ALL
                    SELECT h.company_id, h.user_id, date_trunc('month', h.date)::date, 0.0, 0.0,
                           (h.event = 'won')::integer, (h.event = 'lost')::integer,
                           CASE WHEN h.event = 'won' THEN COALESCE(h.amount, 0.0) ELSE 0.0 END,
                           CASE WHEN h.event = 'won' THEN EXTRACT(EPOCH FROM h.date - (
                               SELECT MIN(first.date) FROM crm_lead_stage_history first
                                WHERE first.lead_id = h.lead_id)) / 86400.0 ELSE 0.0 END,
                           CASE WHEN h.event IN ('stage', 'won') AND h.from_stage_id IS NOT NULL
                                THEN COALESCE(h.days_in_previous_stage, 0.0) ELSE 0.0 END,
                           (h.event IN ('stage', 'won') AND h.from_stage_id IS NOT NULL)::integer,
                           0.0, 0.0
                      FROM crm_lead_stage_history h
                     WHERE h.event IN ('stage', 'won', 'lost') AND h.user_id IS NOT NULL
                       AND h.company_id IS NOT NULL
                    UNION ALL
                    SELECT i.company_id, i.user_id, date_trunc('month', i.date_invoice)::date, 0.0, 0.0,
                           0, 0, 0.0, 0.0, 0.0, 0,
                           CASE WHEN i.type = 'out_refund' THEN -i.amount_total ELSE i.amount_total END, 0.0
                      FROM account_invoice i
                     WHERE i.type IN ('out_invoice', 'out_refund') AND i.state IN ('open', 'paid')
                       AND i.user_id IS NOT NULL AND i.date_invoice IS NOT NULL
                    UNION ALL
                    SELECT i.company_id, i.user_id, date_trunc('month', payment_line.date)::date, 0.0, 0.0,
                           0, 0, 0.0, 0.0, 0.0, 0, 0.0, apr.amount
                      FROM account_partial_reconcile apr
                      JOIN account_move_line invoice_line ON invoice_line.id = apr.debit_move_id
                      JOIN account_invoice i ON i.id = invoice_line.invoice_id AND i.type = 'out_invoice'
                      JOIN account_move_line payment_line ON payment_line.id = apr.credit_move_id
                                                         AND payment_line.payment_id IS NOT NULL
                     WHERE i.user_id IS NOT NULL
                ),
                person_month AS (
                    SELECT company_id, user_id, month,
                           SUM(quota_target) AS quota_target, SUM(signed_amount) AS signed_amount,
                           SUM(won_count) AS won_count, SUM(lost_count) AS lost_count,
                           SUM(won_amount) AS won_amount, SUM(cycle_days) AS cycle_days,
                           SUM(promotion_days) AS promotion_days, SUM(promotion_count) AS promotion_count,
                           SUM(invoiced_amount) AS invoiced_amount, SUM(collected_amount) AS collected_amount
                      FROM fact
                     GROUP BY company_id, user_id, month
                ),
                with_company AS (
                    SELECT pm.*,
                           SUM(pm.promotion_days) OVER company_month
                               / NULLIF(SUM(pm.promotion_count) OVER company_month, 0) AS company_promotion_days
                      FROM person_month pm
                    WINDOW company_month AS (PARTITION BY pm.company_id, pm.month)
                )
                SELECT (w.company_id::bigint * 100000000 + w.user_id) * 100000
                           + EXTRACT(YEAR FROM w.month)::integer * 12 + EXTRACT(MONTH FROM w.month)::integer - 1
                           AS id,
                       w.month AS date, w.company_id, w.user_id, u.sale_team_id AS team_id,
                       place.department_id, place.region_id,
                       w.quota_target, w.signed_amount,
                       100.0 * w.signed_amount / NULLIF(w.quota_target, 0) AS quota_attainment,
                       w.won_count, w.lost_count,
                       100.0 * w.won_count / NULLIF(w.won_count + w.lost_count, 0) AS win_rate,
                       w.won_amount, w.won_amount / NULLIF(w.won_count, 0) AS average_deal_size,
                       w.invoiced_amount, w.collected_amount,
                       100.0 * w.collected_amount / NULLIF(w.invoiced_amount, 0) AS collection_rate,
                       w.cycle_days / NULLIF(w.won_count, 0) AS sales_cycle_days,
                       w.promotion_days / NULLIF(w.promotion_count, 0) AS promotion_days,
                       w.company_promotion_days,
                       w.promotion_days / NULLIF(w.promotion_count, 0) / NULLIF(w.company_promotion_days, 0)
                           AS promotion_ratio
                  FROM with_company w
                  JOIN res_users u ON u.id = w.user_id
                  LEFT JOIN team_place place ON place.team_id = u.sale_team_id
            )""", {'locked': tuple(LOCKED_STATES), 'quota_states': QUOTA_PLAN_STATES})
