from odoo import api, fields, models
from odoo.addons import decimal_precision as dp
from odoo.tools import float_compare


class SaleContractLine(models.Model):
    """What the contract sells: product, quantity, price, taxes, and the cost it was priced against.

    Lines come from the quotation the contract was made from, or are entered by hand; their totals make
    the contract amount. The floor price and warning ceiling of quote_pricing are shown on each line.
    """
    _name = 'sale.contract.line'
    _description = 'Contract Line'
    _order = 'contract_id, sequence, id'

    contract_id = fields.Many2one('sale.contract', string='Contract', required=True, ondelete='cascade', index=True)
    sequence = fields.Integer(default=10)
    product_id = fields.Many2one('product.product', string='Product', domain=[('sale_ok', '=', True)],
                                 ondelete='restrict')
    name = fields.Text('Description', required=True)
    product_uom_qty = fields.Float('Quantity', digits=dp.get_precision('Product Unit of Measure'), default=1.0,
                                   required=True)
    product_uom = fields.Many2one('product.uom', string='Unit of Measure')
    price_unit = fields.Float('Unit Price', digits=dp.get_precision('Product Price'), required=True, default=0.0)
    discount = fields.Float('Discount (%)', digits=dp.get_precision('Discount'), default=0.0)
    tax_ids = fields.Many2many('account.tax', string='Taxes',
                               domain=['|', ('active', '=', False), ('active', '=', True)])
    purchase_price = fields.Float('Cost', digits=dp.get_precision('Product Price'),
                                  help='Unit cost the price was set against (from the quotation, else the '
                                       "product's cost when the line was entered).")
    price_subtotal = fields.Monetary('Subtotal', compute='_compute_amounts', store=True)
    price_tax = fields.Monetary('Taxes', compute='_compute_amounts', store=True)
    price_total = fields.Monetary('Total', compute='_compute_amounts', store=True)
    margin = fields.Monetary('Gross Margin', compute='_compute_amounts', store=True,
                             help='Subtotal without taxes minus cost times quantity.')
    currency_id = fields.Many2one(related='contract_id.currency_id', store=True, readonly=True)
    company_id = fields.Many2one(related='contract_id.company_id', store=True, readonly=True, index=True)
    sale_line_id = fields.Many2one('sale.order.line', string='Quotation Line', readonly=True, copy=False,
                                   ondelete='set null')
    floor_price = fields.Float(compute='_compute_price_limits', digits=dp.get_precision('Product Price'),
                               help="The product's floor price per unit for this customer.")
    ceiling_price = fields.Float(compute='_compute_price_limits', digits=dp.get_precision('Product Price'),
                                 help="The product's warning ceiling per unit for this customer.")
    below_floor = fields.Boolean('Below Floor Price', compute='_compute_price_limits',
                                 help='The unit price after discount is lower than the floor price.')
    above_ceiling = fields.Boolean('Above Ceiling', compute='_compute_price_limits',
                                   help='The unit price after discount is above the warning ceiling.')

    @api.depends('product_uom_qty', 'price_unit', 'discount', 'tax_ids', 'purchase_price', 'contract_id.currency_id',
                 'contract_id.partner_id')
    def _compute_amounts(self):
        for line in self:
            price = line.price_unit * (1 - (line.discount or 0.0) / 100.0)
            taxes = line.tax_ids.compute_all(price, line.contract_id.currency_id, line.product_uom_qty,
                                             product=line.product_id, partner=line.contract_id.partner_id)
            line.price_subtotal = taxes['total_excluded']
            line.price_total = taxes['total_included']
            line.price_tax = taxes['total_included'] - taxes['total_excluded']
            line.margin = line.price_subtotal - line.purchase_price * line.product_uom_qty

    @api.depends('product_id', 'product_uom', 'price_unit', 'discount', 'contract_id.partner_id',
                 'contract_id.company_id', 'contract_id.currency_id')
    def _compute_price_limits(self):
        Rules = self.env['sale.floor.price']
        precision = self.env['decimal.precision'].precision_get('Product Price')

        def key(line):
            return (line.product_id.product_tmpl_id, line.contract_id.partner_id,
                    line.contract_id.company_id or self.env.user.company_id)
        # the price rules of all the lines in one search, not one per line
        limits = Rules._floors_and_ceilings([key(line) for line in self if line.product_id])
        for line in self:
            if not line.product_id:
                continue
            floor, ceiling = limits[key(line)]
            line.floor_price, line.ceiling_price = (line._in_line_terms(price) if price else 0.0
                                                    for price in (floor, ceiling))
            net_price = line.price_unit * (1.0 - (line.discount or 0.0) / 100.0)
            line.below_floor = bool(line.floor_price) and float_compare(
                net_price, line.floor_price, precision_digits=precision) < 0
            line.above_ceiling = bool(line.ceiling_price) and float_compare(
                net_price, line.ceiling_price, precision_digits=precision) > 0

    def _in_line_terms(self, price):
        """A unit price of the product in the company currency, in the line's unit and the contract's currency."""
        product = self.product_id
        if self.product_uom and self.product_uom != product.uom_id:
            price = product.uom_id._compute_price(price, self.product_uom)
        company_currency = (self.contract_id.company_id or self.env.user.company_id).currency_id
        currency = self.contract_id.currency_id
        if currency and currency != company_currency:
            price = company_currency.compute(price, currency, round=False)
        return price

    @api.onchange('product_id')
    def _onchange_product_id(self):
        product = self.product_id
        if not product:
            return
        partner = self.contract_id.partner_id
        product = product.with_context(lang=partner.lang or self.env.user.lang)
        self.name = product.name_get()[0][1] + ('\n' + product.description_sale if product.description_sale else '')
        self.product_uom = product.uom_id
        self.purchase_price = product.standard_price
        fiscal_position = partner.property_account_position_id
        taxes = product.taxes_id.filtered(lambda tax: tax.company_id == self.contract_id.company_id)
        self.tax_ids = fiscal_position.map_tax(taxes, product, partner) if fiscal_position else taxes
        pricelist = partner.property_product_pricelist
        self.price_unit = pricelist.get_product_price(product, self.product_uom_qty or 1.0, partner) \
            if pricelist else product.lst_price

    @api.model
    def create(self, vals):
        if vals.get('product_id') and 'purchase_price' not in vals:
            vals['purchase_price'] = self.env['product.product'].browse(vals['product_id']).standard_price
        line = super(SaleContractLine, self).create(vals)
        line.contract_id._check_lines_editable()
        line.contract_id._rebalance_payment_plan()
        return line

    @api.multi
    def write(self, vals):
        contracts = self.mapped('contract_id')
        contracts._check_lines_editable()
        result = super(SaleContractLine, self).write(vals)
        contracts._rebalance_payment_plan()
        return result

    @api.multi
    def unlink(self):
        contracts = self.mapped('contract_id')
        contracts._check_lines_editable()
        result = super(SaleContractLine, self).unlink()
        contracts.exists()._rebalance_payment_plan()
        return result
