from odoo import api, fields, models

from .sales_plan_forecast_item import create_forecast_views


class SalesPlanForecast(models.Model):
    """The attainment of every target with its forecast to the end of its period: actual plus what is still
    expected (``sales.plan.forecast.item``: weighted open opportunities for the signed amount, instalments
    to invoice for the invoiced amount, instalments to collect for the collected amount; nothing for product
    quantities and new customers, whose forecast is their actual)."""
    _name = 'sales.plan.forecast'
    _inherit = 'sales.plan.attainment'   # its columns, then the forecast's own
    _description = 'Sales Plan Forecast'
    _auto = False

    expected = fields.Float('Still Expected', readonly=True, group_operator='sum',
                            help='Weighted open opportunities, or instalments due, until the period ends.')
    forecast = fields.Float(readonly=True, group_operator='sum', help='Actual plus what is still expected.')
    forecast_gap = fields.Float('Forecast Gap', readonly=True, group_operator='sum',
                                help='Target minus forecast: what is missing even if everything expected comes.')
    forecast_progress = fields.Float('Forecast Progress (%)', readonly=True, group_operator='avg',
                                     help='Forecast as a percentage of the target.')

    @api.multi
    def action_view_key_items(self):
        return self.mapped('line_id').action_view_key_items()

    @api.model_cr
    def init(self):
        create_forecast_views(self.env.cr)
