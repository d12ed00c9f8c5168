from odoo import api, fields, models

from odoo.addons.crm_lifecycle.models.caller_time_zone import user_day

# Writing one of these reprices a line by its strategy (unless its price was set by hand).
REPRICING_FIELDS = {'product_id', 'product_uom_qty', 'product_uom'}
PRICE_FIELDS = {'price_unit', 'discount'}


class SaleOrderLine(models.Model):
    """Quotation lines priced by the price strategies: the onchanges of the form and the model (create and
    write, RPC alike) apply the same strategy; a price or discount typed by hand stays, and says so."""
    _inherit = 'sale.order.line'

    price_strategy_id = fields.Many2one('sale.price.strategy', 'Price Strategy', readonly=True, copy=False,
                                        ondelete='set null', help='The price strategy that set this price.')
    price_manual = fields.Boolean('Price by Hand', copy=False,
                                  help='The price or discount was typed by hand: strategies leave it alone.')

    def _strategy_line_values(self):
        order = self.order_id
        return {
            'partner': order.partner_id.commercial_partner_id, 'team': order.team_id, 'product': self.product_id,
            'date': user_day(order, order.date_order or fields.Datetime.now()),
            'company': order.company_id or self.env.user.company_id,
        }

    def _strategy_values(self):
        """What the applicable strategy sets on this line; no strategy: only that none set it."""
        self.ensure_one()
        if not self.product_id or not self.order_id.partner_id:
            return {'price_strategy_id': False}
        strategy, price_break = self.env['sale.price.strategy']._find(self._strategy_line_values(),
                                                                      self.product_uom_qty)
        if not strategy:
            return {'price_strategy_id': False}
        if strategy.strategy_type == 'discount':
            return {'price_strategy_id': strategy.id, 'discount': price_break.discount}
        price = price_break.fixed_price
        if self.product_uom and self.product_uom != self.product_id.uom_id:
            price = self.product_id.uom_id._compute_price(price, self.product_uom)
        company_currency = (self.order_id.company_id or self.env.user.company_id).currency_id
        if self.order_id.currency_id and self.order_id.currency_id != company_currency:
            price = company_currency.with_context(date=self.order_id.date_order).compute(
                price, self.order_id.currency_id, round=False)
        return {'price_strategy_id': strategy.id, 'price_unit': price, 'discount': 0.0}

    # The form: Odoo's onchanges set the pricelist price, the strategy then does its part.
    @api.multi
    @api.onchange('product_id')
    def product_id_change(self):
        result = super(SaleOrderLine, self).product_id_change()
        if not self.price_manual:
            self.update(self._strategy_values())
        return result

    @api.onchange('product_uom', 'product_uom_qty')
    def product_uom_change(self):
        super(SaleOrderLine, self).product_uom_change()
        if not self.price_manual:
            self.update(self._strategy_values())

    @api.onchange('price_unit', 'discount')
    def _onchange_price_by_hand(self):
        """Typing a price or a discount other than the strategy's makes the line's price a manual one."""
        if not self.price_strategy_id or not self.product_id:
            return
        expected = self._strategy_values()
        if any(name in expected and self[name] != expected[name] for name in PRICE_FIELDS):
            self.price_manual = True
            self.price_strategy_id = False

    # The model: RPC gets the same prices.
    @api.model
    def create(self, vals):
        given = set(vals)  # before sale fills in the missing price (it updates vals in place)
        line = super(SaleOrderLine, self).create(vals)
        if 'price_strategy_id' not in given and not vals.get('price_manual'):
            if PRICE_FIELDS & given:
                line.price_manual = True  # prices given by the caller, as typed by hand
            else:
                line._reprice_by_strategy()
        return line

    @api.multi
    def write(self, vals):
        if PRICE_FIELDS & set(vals) and 'price_strategy_id' not in vals and not REPRICING_FIELDS & set(vals):
            vals = dict(vals, price_manual=True, price_strategy_id=False)
        result = super(SaleOrderLine, self).write(vals)
        if REPRICING_FIELDS & set(vals) and not PRICE_FIELDS & set(vals):
            self.filtered(lambda line: not line.price_manual)._reprice_by_strategy()
        return result

    def _reprice_by_strategy(self):
        for line in self.filtered(lambda l: l.order_id.state in ('draft', 'sent') and l.product_id):
            values = line._strategy_values()
            if values != {'price_strategy_id': line.price_strategy_id.id}:
                super(SaleOrderLine, line).write(values)
