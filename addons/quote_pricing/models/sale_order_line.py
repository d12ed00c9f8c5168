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
    below_floor_percent = fields.Float(
        'Below Floor (%)', compute='_compute_below_floor', store=True, digits=(16, 2),
        help='How far below the floor price, in percent of the floor price.')
    ceiling_price = fields.Float(
        compute='_compute_floor_price', store=True, digits=dp.get_precision('Product Price'),
        help="The product's warning ceiling per unit of this line, in the currency of the order.")
    above_ceiling = fields.Boolean(
        'Above Ceiling', compute='_compute_below_floor', store=True,
        help='The unit price after discount is above the warning ceiling: unusually high, check it.')
    # Not stored: whether a discount is too high depends on who looks at the line.
    discount_over_limit = fields.Boolean(
        'Discount above Limit', compute='_compute_discount_over_limit',
        help='The discount is higher than the maximum discount you may give.')

    @api.depends('product_id.product_tmpl_id.floor_price', 'product_id.product_tmpl_id.ceiling_price',
                 'product_uom', 'order_id.currency_id', 'order_id.company_id', 'order_id.date_order',
                 'order_id.partner_id')
    def _compute_floor_price(self):
        def key(line):
            return (line.product_id.product_tmpl_id, line.order_id.partner_id,
                    line.order_id.company_id or self.env.user.company_id)
        # the price rules of all the lines in one search, not one per line
        limits = self.env['sale.floor.price']._floors_and_ceilings([key(line) for line in self if line.product_id])
        for line in self:
            floor, ceiling = limits[key(line)] if line.product_id else (0.0, 0.0)
            line.floor_price, line.ceiling_price = (line._in_line_terms(price) if price else 0.0
                                                    for price in (floor, ceiling))

    def _in_line_terms(self, price):
        """A unit price of the product in the company currency, in the line's unit and the order's currency."""
        product = self.product_id
        if self.product_uom and self.product_uom != product.uom_id:
            price = product.uom_id._compute_price(price, self.product_uom)
        company_currency = (self.order_id.company_id or self.env.user.company_id).currency_id
        order_currency = self.order_id.currency_id
        if order_currency and order_currency != company_currency:
            price = company_currency.with_context(date=self.order_id.date_order).compute(
                price, order_currency, round=False)
        return price

    @api.depends('floor_price', 'ceiling_price', 'price_unit', 'discount')
    def _compute_below_floor(self):
        precision = self.env['decimal.precision'].precision_get('Product Price')
        for line in self:
            net_price = line.price_unit * (1.0 - (line.discount or 0.0) / 100.0)
            below = bool(line.floor_price) and float_compare(
                net_price, line.floor_price, precision_digits=precision) < 0
            line.below_floor = below
            line.floor_gap = line.floor_price - net_price if below else 0.0
            line.below_floor_percent = 100.0 * line.floor_gap / line.floor_price if below else 0.0
            line.above_ceiling = bool(line.ceiling_price) and float_compare(
                net_price, line.ceiling_price, precision_digits=precision) > 0

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
