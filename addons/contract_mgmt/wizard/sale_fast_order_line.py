from odoo import api, fields, models
from odoo.addons import decimal_precision as dp


class SaleFastOrderLine(models.TransientModel):
    """A product of a fast sale: its quantity, and its price as the sales order would set it (pricelist and
    price strategy) unless typed otherwise."""
    _name = 'sale.fast.order.wizard.line'
    _description = 'Fast Sale Line'

    wizard_id = fields.Many2one('sale.fast.order.wizard', required=True, ondelete='cascade')
    product_id = fields.Many2one('product.product', string='Product', required=True,
                                 domain=[('sale_ok', '=', True)])
    product_uom_id = fields.Many2one(related='product_id.uom_id', string='Unit', readonly=True)
    product_type = fields.Selection(related='product_id.type', readonly=True)
    quantity = fields.Float(digits=dp.get_precision('Product Unit of Measure'), required=True, default=1.0)
    price_unit = fields.Float('Unit Price', digits=dp.get_precision('Product Price'),
                              help='The price of the pricelist and price strategies; type another one to sell at '
                                   'it (the floor price rules still apply).')
    discount = fields.Float('Discount (%)', digits=dp.get_precision('Discount'))
    # what the sales order gives, to tell a price typed by hand from the default one
    price_default = fields.Float(digits=dp.get_precision('Product Price'))
    discount_default = fields.Float(digits=dp.get_precision('Discount'))
    price_strategy_id = fields.Many2one('sale.price.strategy', string='Price Strategy', readonly=True)
    qty_available = fields.Float('On Hand', compute='_compute_qty_available',
                                 digits=dp.get_precision('Product Unit of Measure'),
                                 help='In stock in the warehouse of the sale.')

    @api.depends('product_id', 'wizard_id.warehouse_id')
    def _compute_qty_available(self):
        for line in self.filtered('product_id'):
            line.qty_available = line.wizard_id._qty_in_stock(line.product_id)

    def _price_values(self):
        """price_unit, discount and price strategy the sales order would give this line."""
        self.ensure_one()
        defaults = self.wizard_id._order_line_defaults(self.product_id, self.quantity)
        return {'price_unit': defaults['price_unit'], 'discount': defaults['discount'],
                'price_default': defaults['price_unit'], 'discount_default': defaults['discount'],
                'price_strategy_id': defaults['price_strategy_id']}

    @api.onchange('product_id', 'quantity')
    def _onchange_product_price(self):
        if self.product_id and self.wizard_id.partner_id:
            self.update(self._price_values())

    @api.model
    def create(self, vals):
        line = super(SaleFastOrderLine, self).create(vals)
        if 'price_unit' not in vals and line.wizard_id.partner_id:
            line.write(line._price_values())
        return line
