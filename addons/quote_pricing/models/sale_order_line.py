from odoo import api, fields, models
from odoo.addons import decimal_precision as dp
from odoo.tools import float_compare


class SaleOrderLine(models.Model):
    _inherit = 'sale.order.line'

    floor_price = fields.Float(
        compute='_compute_floor_price', store=True, digits=dp.get_precision('Product Price'),
        help="The product's floor price per unit of this line, in the currency of the order.")
    below_floor = fields.Boolean(
        'Below Floor Price', compute='_compute_below_floor', store=True,
        help='The unit price after discount is lower than the floor price.')
    floor_gap = fields.Float(
        'Gap to Floor Price', compute='_compute_below_floor', store=True, digits=dp.get_precision('Product Price'),
        help='How much the unit price after discount is below the floor price; 0 when it is not.')
    # Not stored: whether a discount is too high depends on who looks at the line.
    discount_over_limit = fields.Boolean(
        'Discount above Limit', compute='_compute_discount_over_limit',
        help='The discount is higher than the maximum discount you may give.')

    @api.depends('product_id.product_tmpl_id.floor_price', 'product_uom', 'order_id.currency_id',
                 'order_id.company_id', 'order_id.date_order')
    def _compute_floor_price(self):
        for line in self:
            product = line.product_id
            if not product.floor_price:
                line.floor_price = 0.0
                continue
            floor = product.floor_price
            if line.product_uom and line.product_uom != product.uom_id:
                floor = product.uom_id._compute_price(floor, line.product_uom)
            company_currency = (line.order_id.company_id or self.env.user.company_id).currency_id
            order_currency = line.order_id.currency_id
            if order_currency and order_currency != company_currency:
                floor = company_currency.with_context(date=line.order_id.date_order).compute(
                    floor, order_currency, round=False)
            line.floor_price = floor

    @api.depends('floor_price', 'price_unit', 'discount')
    def _compute_below_floor(self):
        precision = self.env['decimal.precision'].precision_get('Product Price')
        for line in self:
            net_price = line.price_unit * (1.0 - (line.discount or 0.0) / 100.0)
            below = bool(line.floor_price) and float_compare(
                net_price, line.floor_price, precision_digits=precision) < 0
            line.below_floor = below
            line.floor_gap = line.floor_price - net_price if below else 0.0

    @api.depends('discount', 'order_id.company_id')
    def _compute_discount_over_limit(self):
        precision = self.env['decimal.precision'].precision_get('Discount')
        max_discounts = {}
        for line in self:
            order = line.order_id
            if order not in max_discounts:
                max_discounts[order] = order._get_max_discount() if order else None
            max_discount = max_discounts[order]
            line.discount_over_limit = max_discount is not None and float_compare(
                line.discount, max_discount, precision_digits=precision) > 0
