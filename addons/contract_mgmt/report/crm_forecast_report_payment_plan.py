from odoo import _, api, models

from ..models.ir_module_module import WITHOUT_PAYMENT_PLANS
from ..models.sale_contract_alert import LIVE_PLAN_DOCUMENT


class CrmForecastReport(models.Model):
    """The cash still expected from payment plans joins the sales forecast: each instalment not paid yet
    (of a signed contract or a confirmed order) for its outstanding amount on its due date, under the
    opportunity of its contract (or order). A plan is agreed, so it counts for 100 % in both weightings.
    Visible as the opportunity is (sales_funnel's rule on lead_id): an instalment of a contract without
    opportunity is seen by sales managers only."""
    _inherit = 'crm.forecast.report'

    @api.model
    def _forecast_sources(self):
        return super(CrmForecastReport, self)._forecast_sources() + [('payment_plan', _('Payment Plan'))]

    @api.model
    def _forecast_queries(self):
        queries = super(CrmForecastReport, self)._forecast_queries()
        if self.env.context.get(WITHOUT_PAYMENT_PLANS):
            return queries
        return queries + ["""
            SELECT p.id * 10 + 3 AS id,
                   'payment_plan'::varchar AS source,
                   COALESCE(c.opportunity_id, o.opportunity_id) AS lead_id,
                   p.due_date AS date,
                   p.user_id,
                   p.team_id,
                   p.company_id,
                   NULL::integer AS sales_method_id,
                   NULL::integer AS stage_id,
                   p.amount_residual AS amount,
                   100.0 AS stage_rate,
                   100.0 AS history_rate,
                   p.amount_residual AS weighted_stage_amount,
                   p.amount_residual AS weighted_history_amount
              FROM sale_payment_plan p
              LEFT JOIN sale_contract c ON c.id = p.contract_id
              LEFT JOIN sale_order o ON o.id = p.sale_order_id
             WHERE p.payment_state != 'paid' AND %s""" % LIVE_PLAN_DOCUMENT]
