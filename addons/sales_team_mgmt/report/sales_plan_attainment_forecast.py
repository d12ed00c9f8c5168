from odoo import api, models

from .sales_plan_forecast_item import create_forecast_views


class SalesPlanAttainmentForecast(models.Model):
    """Rebuilding the attainment view drops the forecast views that read it (CASCADE): build them again."""
    _inherit = 'sales.plan.attainment'

    @api.model_cr
    def init(self):
        super(SalesPlanAttainmentForecast, self).init()
        create_forecast_views(self.env.cr)

    @api.multi
    def action_view_key_items(self):
        return self.mapped('line_id').action_view_key_items()
