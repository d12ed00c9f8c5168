from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import float_compare, float_is_zero
from odoo.tools.misc import formatLang

SALESMAN = 'sales_team.group_sale_salesman'


class SaleFastOrder(models.TransientModel):
    """销售开单, the green channel of a simple sale: customer, products and quantities become in one step a
    confirmed sales order, its validated delivery, its validated invoice and, if asked, the payment.

    Everything happens in the transaction of the button: any refusal (stock, price rules, accounting) raises
    and nothing of it remains."""
    _name = 'sale.fast.order.wizard'
    _description = 'Fast Sale'

    partner_id = fields.Many2one('res.partner', string='Customer', required=True,
                                 domain=[('customer', '=', True)])
    company_id = fields.Many2one('res.company', required=True, readonly=True,
                                 default=lambda self: self.env.user.company_id)
    warehouse_id = fields.Many2one(
        'stock.warehouse', string='Warehouse', required=True,
        default=lambda self: self.env['stock.warehouse'].search(
            [('company_id', '=', self.env.user.company_id.id)], limit=1),
        domain="[('company_id', '=', company_id)]")
    pricelist_id = fields.Many2one('product.pricelist', string='Pricelist',
                                   help="Empty: the customer's pricelist.")
    line_ids = fields.One2many('sale.fast.order.wizard.line', 'wizard_id', string='Products')
    register_payment = fields.Boolean(
        'Register Payment Now', help='The customer pays now: the payment is registered on the invoice.')
    journal_id = fields.Many2one(
        'account.journal', string='Payment Journal',
        domain="[('type', 'in', ('bank', 'cash')), ('company_id', '=', company_id)]",
        default=lambda self: self.env['account.journal'].search([
            ('type', '=', 'cash'), ('company_id', '=', self.env.user.company_id.id)], limit=1))
    payment_amount = fields.Float(
        'Amount Paid', help='Empty: the invoice total. A smaller amount leaves the rest of the invoice open.')
    client_order_ref = fields.Char('Customer Reference')
    delivery_method = fields.Selection(
        selection=lambda self: self.env['sale.order']._fields['delivery_method'].selection,
        string='Delivery Method', default='pickup', required=True)

    @api.onchange('partner_id', 'pricelist_id')
    def _onchange_partner_reprice(self):
        for line in self.line_ids.filtered('product_id'):
            line.update(line._price_values())

    # ------------------------------------------------------------------ the order's own defaults

    def _new_order(self):
        """An unsaved sales order for the customer, filled by sale.order's own onchanges."""
        order = self.env['sale.order'].new({
            'partner_id': self.partner_id.id, 'warehouse_id': self.warehouse_id.id,
            'company_id': self.company_id.id, 'user_id': self.env.uid})
        order.onchange_partner_id()
        order.onchange_partner_shipping_id()
        order.user_id = self.env.user  # the user who sells, not the customer's usual salesperson
        if self.pricelist_id:
            order.pricelist_id = self.pricelist_id
        return order

    @api.multi
    def _order_line_defaults(self, product, quantity, order=None):
        """Price, discount and strategy that sale.order.line's onchanges (and quote_pricing's price strategies)
        give this product and quantity."""
        self.ensure_one()
        order = order or self._new_order()
        line = self.env['sale.order.line'].new({
            'order_id': order.id, 'product_id': product.id, 'product_uom': product.uom_id.id,
            'product_uom_qty': quantity or 1.0})
        line.product_id_change()
        line._onchange_discount()
        line.product_uom_change()
        return {'price_unit': line.price_unit, 'discount': line.discount,
                'price_strategy_id': line.price_strategy_id.id, 'name': line.name, 'tax_id': line.tax_id.ids}

    def _qty_in_stock(self, product):
        """On hand in the stock location of the warehouse (sudo: salespeople need not read quants)."""
        location = self.warehouse_id.lot_stock_id
        if not location:
            return 0.0
        return product.sudo().with_context(location=location.id).qty_available

    # ------------------------------------------------------------------ checks

    def _check_lines(self):
        if not self.line_ids:
            raise UserError(_('Add the products sold.'))
        for line in self.line_ids:
            if float_compare(line.quantity, 0.0, precision_rounding=line.product_id.uom_id.rounding) <= 0:
                raise UserError(_('The quantity of %s must be positive.') % line.product_id.display_name)
        if self.register_payment:
            if not self.journal_id:
                raise UserError(_('Choose the journal the payment is registered in.'))
            if self.journal_id.company_id != self.company_id or self.journal_id.type not in ('bank', 'cash'):
                raise UserError(_('Journal %s is not a bank or cash journal of your company.') % self.journal_id.name)
            if self.payment_amount < 0:
                raise UserError(_('The amount paid cannot be negative.'))

    def _check_stock(self):
        """Before anything is created: every stockable product is in stock in the warehouse."""
        needed = {}
        for line in self.line_ids.filtered(lambda l: l.product_id.type == 'product'):
            needed[line.product_id] = needed.get(line.product_id, 0.0) + line.quantity
        short = []
        for product, quantity in needed.items():
            available = self._qty_in_stock(product)
            if float_compare(available, quantity, precision_rounding=product.uom_id.rounding) < 0:
                short.append(_('- %(product)s: %(needed)s %(unit)s needed, %(available)s available') % {
                    'product': product.display_name, 'unit': product.uom_id.name,
                    'needed': formatLang(self.env, quantity, dp='Product Unit of Measure'),
                    'available': formatLang(self.env, available, dp='Product Unit of Measure')})
        if short:
            raise UserError(_('Not enough stock in warehouse %(warehouse)s; nothing was created:\n%(lines)s') % {
                'warehouse': self.warehouse_id.name, 'lines': '\n'.join(short)})

    # ------------------------------------------------------------------ the steps

    def _prepare_order_values(self):
        order = self._new_order()
        lines = []
        for line in self.line_ids:
            defaults = self._order_line_defaults(line.product_id, line.quantity, order=order)
            values = {'product_id': line.product_id.id, 'product_uom_qty': line.quantity,
                      'product_uom': line.product_id.uom_id.id, 'name': defaults['name'],
                      'tax_id': [(6, 0, defaults['tax_id'])], 'price_unit': line.price_unit,
                      'discount': line.discount}
            precision = self.env['decimal.precision'].precision_get('Product Price')
            if float_compare(line.price_unit, defaults['price_unit'], precision_digits=precision) == 0 \
                    and float_is_zero(line.discount - defaults['discount'], precision_digits=2):
                values['price_strategy_id'] = defaults['price_strategy_id']  # the order's own price
            # else quote_pricing marks the price as typed by hand and its floor price rules apply
            lines.append((0, 0, values))
        return {
            'partner_id': self.partner_id.id,
            'partner_invoice_id': order.partner_invoice_id.id,
            'partner_shipping_id': order.partner_shipping_id.id,
            'pricelist_id': order.pricelist_id.id,
            'payment_term_id': order.payment_term_id.id,
            'fiscal_position_id': order.fiscal_position_id.id,
            'warehouse_id': self.warehouse_id.id,
            'company_id': self.company_id.id,
            'user_id': self.env.uid,
            'client_order_ref': self.client_order_ref,
            'order_type': 'fast',
            'delivery_method': self.delivery_method,
            # paid now in cash or by bank, or on credit
            'payment_method': ('cash' if self.journal_id.type == 'cash' else 'bank_transfer')
            if self.register_payment else 'credit',
            'order_line': lines,
        }

    def _validate_deliveries(self, order):
        """Deliver the ordered quantities now (immediate transfer), step after step for multi-step warehouses.
        Products that are not stockable or consumable (services) have no picking."""
        for _step in range(5):
            pickings = order.picking_ids.filtered(lambda p: p.state not in ('done', 'cancel'))
            if not pickings:
                return
            pickings.action_assign()
            ready = pickings.filtered(lambda p: p.state == 'assigned')
            if not ready:
                raise UserError(_('The delivery of %s cannot be reserved.') % order.name)
            for picking in ready:
                for move in picking.move_lines.filtered(lambda m: m.state not in ('done', 'cancel')):
                    if move.state != 'assigned':
                        # qty_available counts goods reserved for other deliveries: they are not ours to take
                        raise UserError(_('%(product)s: only %(reserved)s of %(needed)s can be reserved for '
                                          '%(order)s, the rest is reserved for other deliveries.') % {
                            'product': move.product_id.display_name, 'order': order.name,
                            'reserved': formatLang(self.env, move.reserved_availability),
                            'needed': formatLang(self.env, move.product_uom_qty)})
                    for move_line in move.move_line_ids:
                        move_line.qty_done = move_line.product_uom_qty
                picking.action_done()
        raise UserError(_('The deliveries of %s could not all be validated.') % order.name)

    def _create_invoice(self, order):
        invoice_ids = order.action_invoice_create()
        invoices = self.env['account.invoice'].sudo().browse(invoice_ids)
        if not invoices:
            raise UserError(_('Sales order %s has nothing to invoice.') % order.name)
        invoices.action_invoice_open()
        return invoices

    def _register_payment(self, invoice):
        amount = self.payment_amount or invoice.residual
        if float_compare(amount, invoice.residual, precision_rounding=invoice.currency_id.rounding) > 0:
            raise UserError(_('The amount paid (%(amount)s) is more than the invoice total (%(total)s).') % {
                'amount': formatLang(self.env, amount, currency_obj=invoice.currency_id),
                'total': formatLang(self.env, invoice.residual, currency_obj=invoice.currency_id)})
        journal = self.journal_id.sudo()
        payment = self.env['account.payment'].sudo().create({
            'payment_type': 'inbound',
            'partner_type': 'customer',
            'partner_id': invoice.commercial_partner_id.id,
            'amount': amount,
            'currency_id': invoice.currency_id.id,
            'journal_id': journal.id,
            'payment_method_id': (journal.inbound_payment_method_ids[:1]
                                  or self.env.ref('account.account_payment_method_manual_in')).id,
            'payment_date': fields.Date.context_today(self),
            'communication': invoice.number,
            'invoice_ids': [(6, 0, invoice.ids)],
        })
        payment.post()
        return payment

    @api.multi
    def action_create_sale(self):
        """Order → confirmation → delivery → invoice (→ payment), all or nothing."""
        self.ensure_one()
        user = self.env.user
        if not user.has_group(SALESMAN):
            raise AccessError(_('Only salespeople make fast sales.'))
        self._check_lines()
        self._check_stock()
        # The order is created and confirmed as the user: his record rules and the price rules of
        # quote_pricing (floor price, discount limit, approvals) apply as on the sales order form.
        order = self.env['sale.order'].create(self._prepare_order_values())
        order.action_confirm()
        if order.user_id != user or order.state != 'sale':
            raise AccessError(_('Sales order %s is not yours or not confirmed.') % order.name)
        # Validating the delivery and the invoice needs stock and accounting rights salespeople do not have:
        # done as superuser, for this one order of the user, just created and confirmed by him above.
        order_sudo = order.sudo()
        self._validate_deliveries(order_sudo)
        invoices = self._create_invoice(order_sudo)
        if self.register_payment:
            for invoice in invoices:
                self._register_payment(invoice)
        order.message_post(body=_('Fast sale: delivered and invoiced (%s) in one step.')
                           % ', '.join(invoices.mapped('number')))
        return {
            'type': 'ir.actions.act_window',
            'res_model': 'sale.order',
            'res_id': order.id,
            'view_mode': 'form',
            'target': 'current',
        }
