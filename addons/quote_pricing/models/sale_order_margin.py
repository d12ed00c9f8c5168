from odoo import api, fields, models


class SaleOrder(models.Model):
    """The quotation's gross margin (sale_margin's margin, against the lines' cost) in percent."""
    _inherit = 'sale.order'

    margin_percent = fields.Float(
        'Margin (%)', compute='_compute_margin_percent', store=True, digits=(16, 2), group_operator='avg',
        help='Gross margin against cost, in percent of the untaxed amount.')

    @api.depends('margin', 'amount_untaxed')
    def _compute_margin_percent(self):
        for order in self:
            order.margin_percent = order.margin / order.amount_untaxed * 100.0 if order.amount_untaxed else 0.0
