from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare
from odoo.tools.misc import formatLang


class SaleOrder(models.Model):
    """Supplier inquiries (询价) of a quotation: one request for quotation (draft purchase.order) per
    supplier with the lines asked about, and the choice of an answer, which sets the supplier's price
    (product.supplierinfo) and the cost of the quotation line.

    Salespeople cannot create or read purchase orders: after checking that the user may change the
    quotation, the requests for quotation and the vendor prices are written as superuser."""
    _inherit = 'sale.order'

    inquiry_purchase_count = fields.Integer(
        'Supplier Inquiries', compute='_compute_inquiry_purchase_count',
        help='Requests for quotation made from this quotation.')

    @api.multi
    def _compute_inquiry_purchase_count(self):
        order_ids = [order_id for order_id in self.ids if isinstance(order_id, int)]
        counts = {}
        if order_ids:
            data = self.env['purchase.order'].sudo().read_group(
                [('sale_order_id', 'in', order_ids)], ['sale_order_id'], ['sale_order_id'])
            counts = {row['sale_order_id'][0]: row['sale_order_id_count'] for row in data}
        for order in self:
            order.inquiry_purchase_count = counts.get(order.id, 0)

    @api.multi
    def _check_supplier_inquiry_allowed(self):
        """Inquiries are made and answers chosen on quotations the user may change, before confirmation."""
        for order in self:
            if order.state not in ('draft', 'sent'):
                raise UserError(_(
                    '%s is not a quotation any more (confirmed or cancelled): supplier inquiries and their '
                    'answers belong to quotations.') % order.name)
        # What follows runs as superuser: the user must be allowed to change the quotation itself.
        self.check_access_rights('write')
        self.check_access_rule('write')

    @api.multi
    def _create_supplier_inquiries(self, sale_lines, suppliers):
        """One request for quotation per supplier asking about `sale_lines` of this quotation (quantities
        and units of the lines, no price: the supplier answers it). An open request for quotation of the
        same quotation and supplier gets the lines it does not have yet. Returns the requests."""
        self.ensure_one()
        self._check_supplier_inquiry_allowed()
        if not sale_lines:
            raise UserError(_('Select the quotation lines to ask the suppliers about.'))
        if not suppliers:
            raise UserError(_('Select at least one supplier to ask.'))
        if sale_lines.filtered(lambda line: line.order_id != self):
            raise UserError(_('Only lines of quotation %s can be asked about.') % self.name)
        not_purchasable = sale_lines.filtered(lambda line: line.is_downpayment or not line.product_id.purchase_ok)
        if not_purchasable:
            raise UserError(_('These products cannot be purchased: %s.') % ', '.join(
                not_purchasable.mapped('product_id.display_name')))
        not_suppliers = suppliers.filtered(lambda partner: not partner.supplier)
        if not_suppliers:
            raise UserError(_('These partners are not suppliers: %s.') % ', '.join(
                not_suppliers.mapped('display_name')))
        Purchase = self.env['purchase.order'].sudo().with_context(company_id=self.company_id.id)
        PurchaseLine = self.env['purchase.order.line'].sudo()
        purchases = Purchase.browse()
        for supplier in suppliers:
            purchase = Purchase.search([
                ('sale_order_id', '=', self.id), ('partner_id', '=', supplier.id),
                ('state', 'in', ('draft', 'sent'))], limit=1)
            new_lines = sale_lines - purchase.order_line.mapped('inquiry_sale_line_id')
            if not new_lines:
                continue
            if not purchase:
                purchase = Purchase.create(self._prepare_inquiry_purchase_order(supplier))
                purchase.message_post(body=_('Supplier inquiry for quotation %(order)s, asked by %(user)s.') % {
                    'order': self.name, 'user': self.env.user.name})
            for sale_line in new_lines:
                PurchaseLine.create(self._prepare_inquiry_purchase_line(purchase, sale_line))
            purchases |= purchase
        if not purchases:
            raise UserError(_(
                'These suppliers have already been asked about these lines: see the open requests for '
                'quotation of %s.') % self.name)
        self.message_post(body=_('Supplier inquiry: %s.') % ', '.join(
            '%s (%s)' % (purchase.name, purchase.partner_id.display_name) for purchase in purchases))
        return purchases

    @api.multi
    def _prepare_inquiry_purchase_order(self, supplier):
        self.ensure_one()
        company = self.company_id
        supplier = supplier.sudo().with_context(force_company=company.id)
        fiscal_position_id = self.env['account.fiscal.position'].sudo().with_context(
            force_company=company.id).get_fiscal_position(supplier.id)
        picking_type = self.env['purchase.order'].sudo().with_context(company_id=company.id)._default_picking_type()
        return {
            'partner_id': supplier.id,
            'company_id': company.id,
            'currency_id': supplier.property_purchase_currency_id.id or company.currency_id.id,
            'payment_term_id': supplier.property_supplier_payment_term_id.id,
            'fiscal_position_id': fiscal_position_id,
            'picking_type_id': picking_type.id,
            'origin': self.name,
            'date_order': fields.Datetime.now(),
            'sale_order_id': self.id,
            'inquiry_user_id': self.env.uid,
        }

    @api.model
    def _prepare_inquiry_purchase_line(self, purchase, sale_line):
        product = sale_line.product_id.sudo()
        taxes = product.supplier_taxes_id.filtered(lambda tax: tax.company_id == purchase.company_id)
        if purchase.fiscal_position_id:
            taxes = purchase.fiscal_position_id.map_tax(taxes, product, purchase.partner_id)
        product_lang = product.with_context(lang=purchase.partner_id.lang, partner_id=purchase.partner_id.id)
        name = product_lang.display_name
        if product_lang.description_purchase:
            name += '\n' + product_lang.description_purchase
        return {
            'order_id': purchase.id,
            'product_id': product.id,
            'name': name,
            'product_qty': sale_line.product_uom_qty,
            'product_uom': sale_line.product_uom.id,
            'price_unit': 0.0,  # the supplier's answer
            'date_planned': fields.Datetime.now(),
            'taxes_id': [(6, 0, taxes.ids)],
            'inquiry_sale_line_id': sale_line.id,
        }

    @api.multi
    def _choose_inquiry_answer(self, purchase_line):
        """Take a supplier's answer (a line of a request for quotation of this quotation): the supplier's
        price and lead time go into the product's vendor prices, the price becomes the cost of the
        quotation line (in its currency and unit), the answer is marked chosen and the other answers for
        the same line not chosen. Returns the vendor price (product.supplierinfo)."""
        self.ensure_one()
        purchase_line = purchase_line.sudo().exists()
        sale_line = purchase_line.inquiry_sale_line_id
        if not purchase_line or sale_line.order_id != self:
            raise UserError(_('This is not an answer to a supplier inquiry of quotation %s.') % self.name)
        self._check_supplier_inquiry_allowed()
        purchase = purchase_line.order_id
        if purchase.state == 'cancel':
            raise UserError(_('Request for quotation %s is cancelled: its answer cannot be chosen.') % purchase.name)
        precision = self.env['decimal.precision'].precision_get('Product Price')
        if float_compare(purchase_line.price_unit, 0.0, precision_digits=precision) <= 0:
            raise UserError(_(
                '%(supplier)s has no price above zero for %(product)s on %(rfq)s: enter the answered price '
                'on the request for quotation first.') % {
                    'supplier': purchase.partner_id.display_name, 'product': purchase_line.product_id.display_name,
                    'rfq': purchase.name})
        supplierinfo = self._update_supplierinfo_from_answer(purchase_line)
        cost = self._inquiry_answer_cost(purchase_line, sale_line)
        # The cost is written as the user: it is his quotation.
        sale_line.with_env(self.env).write({'purchase_price': cost})
        others = purchase_line.search([
            ('inquiry_sale_line_id', '=', sale_line.id), ('id', '!=', purchase_line.id)])
        others.write({'inquiry_choice': 'not_chosen'})
        purchase_line.write({'inquiry_choice': 'chosen'})
        values = {
            'order': self.name, 'supplier': purchase.partner_id.display_name, 'rfq': purchase.name,
            'product': purchase_line.product_id.display_name,
            'price': formatLang(self.env, purchase_line.price_unit, dp='Product Price',
                                currency_obj=purchase.currency_id),
            'days': purchase_line.inquiry_lead_days,
            'cost': formatLang(self.env, cost, dp='Product Price', currency_obj=self.currency_id),
        }
        self.message_post(body=_(
            'Supplier inquiry: %(supplier)s chosen for %(product)s (%(rfq)s) at %(price)s, %(days)s days; '
            'line cost %(cost)s.') % values)
        purchase.message_post(body=_(
            'Chosen for quotation %(order)s: %(product)s at %(price)s, %(days)s days.') % values)
        for other_purchase in others.mapped('order_id') - purchase:
            other_purchase.message_post(body=_(
                'Not chosen for quotation %(order)s: %(supplier)s was chosen for %(product)s.') % values)
        return supplierinfo

    @api.model
    def _update_supplierinfo_from_answer(self, purchase_line):
        """Write the answer into the vendor price of the supplier for the quantity asked (the variant's own
        price before the template's, the highest minimal quantity not above the quantity asked), or create
        one. Vendor prices are per purchase unit of the product."""
        purchase = purchase_line.order_id
        product = purchase_line.product_id
        template = product.product_tmpl_id
        purchase_uom = template.uom_po_id
        quantity = purchase_line.product_uom._compute_quantity(purchase_line.product_qty, purchase_uom, round=False)
        values = {
            'price': purchase_line.product_uom._compute_price(purchase_line.price_unit, purchase_uom),
            'currency_id': purchase.currency_id.id,
            'delay': purchase_line.inquiry_lead_days,
        }
        SupplierInfo = self.env['product.supplierinfo'].sudo()
        sellers = SupplierInfo.search([
            ('name', '=', purchase.partner_id.id), ('product_tmpl_id', '=', template.id),
            ('product_id', 'in', [False, product.id]), ('company_id', 'in', [False, purchase.company_id.id]),
            ('min_qty', '<=', quantity)])
        sellers = sellers.sorted(lambda seller: (bool(seller.product_id), seller.min_qty), reverse=True)
        if sellers:
            sellers[0].write(values)
            return sellers[0]
        values.update({
            'name': purchase.partner_id.id,
            'product_tmpl_id': template.id,
            'product_id': product.id if template.product_variant_count > 1 else False,
            'min_qty': 0.0,
            'company_id': purchase.company_id.id,
        })
        return SupplierInfo.create(values)

    @api.multi
    def _inquiry_answer_cost(self, purchase_line, sale_line):
        """The answered price per unit of the quotation line, in the quotation's currency (rate of the
        quotation date, as sale_margin converts the cost)."""
        self.ensure_one()
        price = purchase_line.product_uom._compute_price(purchase_line.price_unit, sale_line.product_uom)
        return purchase_line.order_id.currency_id.with_context(
            date=self.date_order, company_id=self.company_id.id).compute(price, self.currency_id, round=False)

    @api.multi
    def action_open_supplier_inquiry(self):
        self.ensure_one()
        self._check_supplier_inquiry_allowed()
        return {
            'type': 'ir.actions.act_window',
            'name': _('Supplier Inquiry'),
            'res_model': 'sale.inquiry.wizard',
            'view_mode': 'form',
            'target': 'new',
            'context': {'default_order_id': self.id},
        }

    @api.multi
    def action_view_inquiry_purchases(self):
        """The requests for quotation of this quotation (purchase users)."""
        self.ensure_one()
        action = self.env.ref('purchase.purchase_rfq').read()[0]
        action['domain'] = [('sale_order_id', '=', self.id)]
        action['context'] = {}
        return action

    @api.multi
    def action_view_inquiry_comparison(self):
        """The answers of the suppliers, supplier by product."""
        self.ensure_one()
        action = self.env.ref('quote_pricing.sale_inquiry_comparison_action').read()[0]
        action['domain'] = [('sale_order_id', '=', self.id)]
        action['display_name'] = action['name'] = _('Supplier Answers: %s') % self.name
        return action
