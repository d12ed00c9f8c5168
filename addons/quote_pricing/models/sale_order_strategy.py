from odoo import api, models


class SaleOrder(models.Model):
    """A quotation's customer or sales team decides which price strategies apply: changing them reprices
    the lines whose price was not typed by hand."""
    _inherit = 'sale.order'

    @api.onchange('partner_id', 'team_id')
    def _onchange_strategy_partner(self):
        for line in self.order_line.filtered(lambda l: not l.price_manual and l.product_id):
            line.update(line._strategy_values())

    @api.multi
    def write(self, vals):
        result = super(SaleOrder, self).write(vals)
        if {'partner_id', 'team_id'} & set(vals):
            self.mapped('order_line').filtered(lambda line: not line.price_manual)._reprice_by_strategy()
        return result
