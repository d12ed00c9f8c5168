from odoo import api, fields, models

from ..models.sales_plan_line_split import METRICS_ALL
from .sales_plan_forecast_item import create_forecast_views


class SalesPlanForecast(models.Model):
    """The attainment of every target with its forecast to the end of its period: actual plus what is still
    expected (``sales.plan.forecast.item``: weighted open opportunities for the signed amount, instalments
    to invoice for the invoiced amount, instalments to collect for the collected amount; nothing for product
    quantities and new customers, whose forecast is their actual)."""
    _name = 'sales.plan.forecast'
    _description = 'Sales Plan Forecast'
    _auto = False
    _rec_name = 'line_id'
    _order = 'plan_id, line_id'

    line_id = fields.Many2one('sales.plan.line', 'Target', readonly=True)
    parent_line_id = fields.Many2one('sales.plan.line', 'Parent Target', readonly=True)
    plan_id = fields.Many2one('sales.plan', 'Sales Plan', readonly=True)
    plan_state = fields.Selection(lambda self: self.env['sales.plan']._fields['state'].selection,
                                  string='Plan Status', readonly=True)
    year = fields.Integer(readonly=True)
    metric = fields.Selection(METRICS_ALL, readonly=True)
    team_id = fields.Many2one('crm.team', 'Sales Team', readonly=True)
    user_id = fields.Many2one('res.users', 'Salesperson', readonly=True)
    product_id = fields.Many2one('product.product', 'Product', readonly=True)
    product_categ_id = fields.Many2one('product.category', 'Product Category', readonly=True)
    date_range_id = fields.Many2one('date.range', 'Period', readonly=True)
    date_start = fields.Date('Period Start', readonly=True)
    date_end = fields.Date('Period End', readonly=True)
    company_id = fields.Many2one('res.company', 'Company', readonly=True)
    target = fields.Float(readonly=True, group_operator='sum')
    actual = fields.Float(readonly=True, group_operator='sum')
    gap = fields.Float(readonly=True, group_operator='sum', help='Target minus actual: what is still to reach.')
    progress = fields.Float('Progress (%)', readonly=True, group_operator='avg',
                            help='Actual as a percentage of the target.')
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
