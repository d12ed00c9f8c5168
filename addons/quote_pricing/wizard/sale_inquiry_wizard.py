from odoo import api, fields, models


class SaleInquiryWizard(models.TransientModel):
    """Supplier inquiry (询价) from a quotation: the lines to ask about and the suppliers to ask; one
    request for quotation per supplier (sale.order._create_supplier_inquiries holds the rules)."""
    _name = 'sale.inquiry.wizard'
    _description = 'Supplier Inquiry'

    order_id = fields.Many2one('sale.order', 'Quotation', required=True, readonly=True, ondelete='cascade')
    sale_line_ids = fields.Many2many(
        'sale.order.line', 'sale_inquiry_wizard_sale_line_rel', 'wizard_id', 'sale_line_id', 'Lines to Ask',
        help='The quotation lines the suppliers are asked a price and a lead time for.')
    supplier_ids = fields.Many2many(
        'res.partner', 'sale_inquiry_wizard_supplier_rel', 'wizard_id', 'partner_id', 'Suppliers',
        domain=[('supplier', '=', True)],
        help='Each supplier gets one request for quotation with the selected lines.')

    @api.model
    def default_get(self, fields_list):
        values = super(SaleInquiryWizard, self).default_get(fields_list)
        order = self.env['sale.order'].browse(values.get('order_id') or self.env.context.get('default_order_id'))
        if not order and self.env.context.get('active_model') == 'sale.order':
            order = order.browse(self.env.context.get('active_id'))
        if not order:
            return values
        values['order_id'] = order.id
        lines = order.order_line.filtered(lambda line: not line.is_downpayment and line.product_id.purchase_ok)
        if 'sale_line_ids' in fields_list:
            values['sale_line_ids'] = [(6, 0, lines.ids)]
        if 'supplier_ids' in fields_list:
            values['supplier_ids'] = [(6, 0, self._default_suppliers(order, lines).ids)]
        return values

    @api.model
    def _default_suppliers(self, order, lines):
        """The vendors of the products (their vendor prices valid for the quotation's company)."""
        company = order.company_id
        products = lines.mapped('product_id')
        sellers = products.sudo().mapped('seller_ids').filtered(
            lambda seller: (not seller.company_id or seller.company_id == company)
            and (not seller.product_id or seller.product_id in products))
        return sellers.mapped('name').filtered('supplier').with_env(self.env)

    @api.multi
    def action_create_rfqs(self):
        self.ensure_one()
        self.order_id._create_supplier_inquiries(self.sale_line_ids, self.supplier_ids)
        return self.order_id.action_view_inquiry_comparison()
