from odoo import api, fields, models, tools

from odoo.addons.contract_mgmt.models.sale_contract_alert import LIVE_PLAN_DOCUMENT

from ..models.sales_plan_line_split import METRICS_ALL
from .sales_plan_attainment import TEAM_TREE

# What is still expected before a target's period ends, one row per target and expected item; what is
# expected on dates already past (overdue, not closed) does not count: the forecast is about the days left.
FORECAST_ITEM_SQL = """
    CREATE OR REPLACE VIEW sales_plan_forecast_item AS (
        WITH RECURSIVE """ + TEAM_TREE + """,
        target AS (
            SELECT l.id, l.plan_id, l.metric, l.team_id, l.user_id, p.company_id,
                   GREATEST(COALESCE(l.date_start, make_date(p.year, 1, 1)), CURRENT_DATE) AS rest_start,
                   COALESCE(l.date_end, make_date(p.year, 12, 31)) AS date_end
              FROM sales_plan_line l
              JOIN sales_plan p ON p.id = l.plan_id
             WHERE l.metric IN ('signed_amount', 'invoiced_amount', 'collected_amount')
               AND l.product_id IS NULL AND l.product_categ_id IS NULL
        ),
        expected AS (
            -- open opportunities by expected closing, weighted by the historical conversion rate
            SELECT 'signed_amount'::varchar AS metric, 'opportunity'::varchar AS kind, f.id AS item_key,
                   f.lead_id, NULL::integer AS payment_plan_id, NULL::integer AS contract_id, f.date, f.user_id,
                   f.team_id, f.company_id, f.amount, f.history_rate AS rate, f.weighted_history_amount AS weight
              FROM crm_forecast_report f
             WHERE f.source = 'opportunity'
            UNION ALL
            -- instalments of live contracts and orders not invoiced yet, by due date
            SELECT 'invoiced_amount', 'instalment', p.id * 10 + 5, COALESCE(c.opportunity_id, o.opportunity_id),
                   p.id, p.contract_id, p.due_date, p.user_id, p.team_id, p.company_id, p.amount, 100.0, p.amount
              FROM sale_payment_plan p
              LEFT JOIN sale_contract c ON c.id = p.contract_id
              LEFT JOIN sale_order o ON o.id = p.sale_order_id
             WHERE p.payment_state = 'not_invoiced' AND %(live)s
            UNION ALL
            -- instalments not paid yet, for what is outstanding, by due date
            SELECT 'collected_amount', 'collection', p.id * 10 + 3, COALESCE(c.opportunity_id, o.opportunity_id),
                   p.id, p.contract_id, p.due_date, p.user_id, p.team_id, p.company_id, p.amount_residual, 100.0,
                   p.amount_residual
              FROM sale_payment_plan p
              LEFT JOIN sale_contract c ON c.id = p.contract_id
              LEFT JOIN sale_order o ON o.id = p.sale_order_id
             WHERE p.payment_state != 'paid' AND p.amount_residual > 0 AND %(live)s
        )
        SELECT t.id::bigint * 10000000000 + e.item_key AS id, t.id AS line_id, t.plan_id, t.metric,
               t.company_id, t.user_id AS line_user_id, t.team_id AS line_team_id, e.kind, e.lead_id,
               e.payment_plan_id, e.contract_id, e.date, e.user_id, e.team_id, e.amount, e.rate, e.weight
          FROM target t
          JOIN expected e ON e.metric = t.metric
                         AND e.company_id = t.company_id
                         AND e.date BETWEEN t.rest_start AND t.date_end
                         AND (t.user_id IS NULL OR e.user_id = t.user_id)
                         AND (t.team_id IS NULL OR e.team_id IN (
                                  SELECT tree.team_id FROM team_tree tree WHERE tree.root_id = t.team_id))
    )""" % {'live': LIVE_PLAN_DOCUMENT}

# Per target: the attainment plus what is expected until the period ends.
FORECAST_SQL = """
    CREATE OR REPLACE VIEW sales_plan_forecast AS (
        SELECT a.id, a.line_id, a.parent_line_id, a.plan_id, a.plan_state, a.year, a.metric, a.team_id,
               a.user_id, a.product_id, a.product_categ_id, a.date_range_id, a.date_start, a.date_end,
               a.company_id, a.target, a.actual, a.gap, a.progress,
               COALESCE(e.expected, 0.0) AS expected,
               a.actual + COALESCE(e.expected, 0.0) AS forecast,
               a.target - a.actual - COALESCE(e.expected, 0.0) AS forecast_gap,
               CASE WHEN a.target > 0 THEN 100.0 * (a.actual + COALESCE(e.expected, 0.0)) / a.target ELSE 0.0 END
                   AS forecast_progress
          FROM sales_plan_attainment a
          LEFT JOIN (SELECT line_id, SUM(weight) AS expected FROM sales_plan_forecast_item GROUP BY line_id) e
                 ON e.line_id = a.line_id
    )"""


def create_forecast_views(cr):
    """(Re)create both forecast views, in order. Called whenever one of the views they read is rebuilt:
    rebuilding those drops these (DROP VIEW ... CASCADE)."""
    tools.drop_view_if_exists(cr, 'sales_plan_forecast')
    tools.drop_view_if_exists(cr, 'sales_plan_forecast_item')
    cr.execute(FORECAST_ITEM_SQL)
    cr.execute(FORECAST_SQL)


class SalesPlanForecastItem(models.Model):
    """What weighs on reaching a target before its period ends: the open opportunities expected to close
    in the rest of the period (signed amount, weighted by the historical conversion rate of their stage,
    sales_funnel's forecast), the instalments due in the rest of the period not invoiced yet (invoiced
    amount) or not paid yet (collected amount, their outstanding amount; contract_mgmt's payment plans).
    Matched to the target as its actuals are: company, salesperson, team and its sub-teams."""
    _name = 'sales.plan.forecast.item'
    _description = 'Sales Plan Forecast Item'
    _auto = False
    _order = 'line_id, weight desc, date, id'

    line_id = fields.Many2one('sales.plan.line', 'Target', readonly=True)
    plan_id = fields.Many2one('sales.plan', 'Sales Plan', readonly=True)
    metric = fields.Selection(METRICS_ALL, readonly=True)
    company_id = fields.Many2one('res.company', 'Company', readonly=True)
    line_user_id = fields.Many2one('res.users', 'Salesperson of the Target', readonly=True)
    line_team_id = fields.Many2one('crm.team', 'Sales Team of the Target', readonly=True)
    kind = fields.Selection([('opportunity', 'Opportunity'), ('instalment', 'Instalment to Invoice'),
                             ('collection', 'Collection')], string='Expected From', readonly=True)
    lead_id = fields.Many2one('crm.lead', 'Opportunity', readonly=True)
    payment_plan_id = fields.Many2one('sale.payment.plan', 'Instalment', readonly=True)
    contract_id = fields.Many2one('sale.contract', 'Contract', readonly=True)
    date = fields.Date('Expected On', readonly=True)
    user_id = fields.Many2one('res.users', 'Salesperson', readonly=True)
    team_id = fields.Many2one('crm.team', 'Sales Team', readonly=True)
    amount = fields.Float('Amount', readonly=True, help='Expected revenue of the opportunity, amount of the '
                                                        'instalment or what is still outstanding on it.')
    rate = fields.Float('Rate (%)', readonly=True, group_operator='avg', digits=(16, 1),
                        help='Historical conversion rate of the opportunity\'s stage; 100 for an instalment.')
    weight = fields.Float('Expected', readonly=True,
                          help='What the item is expected to add to the actual: amount times rate.')

    @api.multi
    def name_get(self):
        result = []
        for item in self:
            document = item.sudo().payment_plan_id if item.kind != 'opportunity' else item.sudo().lead_id
            if item.kind != 'opportunity':
                label = '%s %s' % (item.sudo().contract_id.name or document.sale_order_id.name or '',
                                   document.name or '')
            else:
                label = document.name or ''
            result.append((item.id, label.strip()))
        return result

    @api.model_cr
    def init(self):
        create_forecast_views(self.env.cr)
