from odoo.exceptions import AccessError, UserError, ValidationError

from .reference_price_common import ReferencePriceCase


class TestSupplierInquiry(ReferencePriceCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.product2 = cls.env['product.product'].create({
            'name': '测试伺服电机', 'type': 'consu', 'list_price': 3000, 'taxes_id': [(6, 0, [])],
            'supplier_taxes_id': [(6, 0, [])]})
        cls.product.supplier_taxes_id = [(6, 0, [])]
        SupplierInfo = cls.env['product.supplierinfo']
        # Supplier A already sells the first product at 550 (7 days); supplier B has no price yet.
        cls.seller_a = SupplierInfo.create({
            'name': cls.supplier_a.id, 'product_tmpl_id': cls.product.product_tmpl_id.id, 'price': 550,
            'delay': 7})
        SupplierInfo.create({
            'name': cls.supplier_b.id, 'product_tmpl_id': cls.product2.product_tmpl_id.id, 'price': 2000,
            'delay': 9})
        cls.order = cls._quotation(cls.salesperson, cls.customer, [(cls.product, 4, 1000), (cls.product2, 2, 3000)])
        cls.line1, cls.line2 = cls.order.order_line

    def _wizard(self, user=None, **values):
        order = self.order.sudo(user or self.salesperson)
        return self.env['sale.inquiry.wizard'].sudo(user or self.salesperson).with_context(
            default_order_id=order.id).create(values)

    def _inquire(self):
        """Ask both suppliers about both lines: their requests for quotation, supplier A's first."""
        self._wizard().action_create_rfqs()
        purchases = self.env['purchase.order'].search([('sale_order_id', '=', self.order.id)])
        return (purchases.filtered(lambda p: p.partner_id == self.supplier_a),
                purchases.filtered(lambda p: p.partner_id == self.supplier_b))

    def _answer(self, purchase, product, price, days):
        line = purchase.order_line.filtered(lambda l: l.product_id == product)
        line.sudo(self.buyer).write({'price_unit': price, 'inquiry_lead_days': days})
        return line

    def _comparison(self, user=None):
        return self.env['sale.inquiry.comparison'].sudo(user or self.salesperson).search(
            [('sale_order_id', '=', self.order.id)])

    def test_wizard_defaults(self):
        wizard = self._wizard()
        self.assertEqual(wizard.order_id, self.order)
        self.assertEqual(wizard.sale_line_ids, self.order.order_line, 'all product lines')
        self.assertEqual(wizard.supplier_ids, self.supplier_a | self.supplier_b, "the products' vendors")

    def test_one_rfq_per_supplier(self):
        purchase_a, purchase_b = self._inquire()
        purchases = self.env['purchase.order'].search([('sale_order_id', '=', self.order.id)])
        self.assertEqual(purchases, purchase_a | purchase_b, 'one request for quotation per supplier')
        self.assertEqual(len(purchases), 2)
        for purchase in purchases:
            self.assertEqual(purchase.state, 'draft')
            self.assertEqual(purchase.inquiry_user_id, self.salesperson)
            self.assertEqual(purchase.origin, self.order.name)
            self.assertEqual(purchase.order_line.mapped('inquiry_sale_line_id'), self.line1 | self.line2)
            line = purchase.order_line.filtered(lambda l: l.inquiry_sale_line_id == self.line1)
            self.assertEqual((line.product_id, line.product_qty, line.product_uom, line.price_unit),
                             (self.product, 4, self.uom_unit, 0.0))
        self.assertEqual(self.order.sudo(self.salesperson).inquiry_purchase_count, 2)
        # The salesperson made them but cannot read purchase orders.
        with self.assertRaises(AccessError):
            purchases.sudo(self.salesperson).read(['name'])
        # Asking again adds nothing; a new line goes into the open requests.
        with self.assertRaises(UserError), self.cr.savepoint():
            self._wizard().action_create_rfqs()
        line3 = self.env['sale.order.line'].sudo(self.salesperson).create({
            'order_id': self.order.id, 'product_id': self.product2.id, 'name': '备用', 'product_uom_qty': 1,
            'product_uom': self.uom_unit.id, 'price_unit': 3000, 'tax_id': [(6, 0, [])]})
        self._wizard(supplier_ids=[(6, 0, self.supplier_a.ids)]).action_create_rfqs()
        purchases = self.env['purchase.order'].search([('sale_order_id', '=', self.order.id)])
        self.assertEqual(len(purchases), 2)
        self.assertIn(line3, purchases.filtered(lambda p: p.partner_id == self.supplier_a).order_line.mapped(
            'inquiry_sale_line_id'))

    def test_comparison_rows(self):
        purchase_a, purchase_b = self._inquire()
        self._answer(purchase_a, self.product, 500, 10)
        self._answer(purchase_b, self.product, 480, 20)
        self._answer(purchase_a, self.product2, 1900, 3)
        rows = self._comparison()
        self.assertEqual(len(rows), 4, 'two suppliers × two lines')
        matrix = {(row.partner_id, row.product_id): (row.price_unit, row.lead_days, row.answered) for row in rows}
        self.assertEqual(matrix[self.supplier_a, self.product], (500, 10, True))
        self.assertEqual(matrix[self.supplier_b, self.product], (480, 20, True))
        self.assertEqual(matrix[self.supplier_a, self.product2], (1900, 3, True))
        self.assertEqual(matrix[self.supplier_b, self.product2], (0, 0, False))
        # The pivot: the lowest cost per product.
        groups = self.env['sale.inquiry.comparison'].sudo(self.salesperson).read_group(
            [('sale_order_id', '=', self.order.id), ('answered', '=', True)], ['product_id', 'cost_price'],
            ['product_id'])
        self.assertEqual({group['product_id'][0]: group['cost_price'] for group in groups},
                         {self.product.id: 480, self.product2.id: 1900})
        # Another salesperson does not see the answers to this quotation; buyers do.
        self.assertFalse(self._comparison(self.salesperson2))
        self.assertEqual(len(self._comparison(self.buyer)), 4)

    def test_choose_answer(self):
        purchase_a, purchase_b = self._inquire()
        answer_a = self._answer(purchase_a, self.product, 500, 10)
        answer_b = self._answer(purchase_b, self.product, 480, 20)
        rows = self._comparison()
        row_b = rows.filtered(lambda row: row.purchase_line_id == answer_b)
        row_b.action_choose()
        seller_b = self.env['product.supplierinfo'].search([
            ('name', '=', self.supplier_b.id), ('product_tmpl_id', '=', self.product.product_tmpl_id.id)])
        self.assertEqual((seller_b.price, seller_b.delay), (480, 20), 'a new vendor price for supplier B')
        self.assertEqual(self.line1.purchase_price, 480)
        self.assertEqual((answer_b.inquiry_choice, answer_a.inquiry_choice), ('chosen', 'not_chosen'))
        self.assertEqual((self.seller_a.price, self.seller_a.delay), (550, 7), 'the other vendor price stays')
        # Changing one's mind: supplier A's existing price is updated.
        rows.filtered(lambda row: row.purchase_line_id == answer_a).action_choose()
        self.assertEqual((self.seller_a.price, self.seller_a.delay), (500, 10))
        self.assertEqual(self.line1.purchase_price, 500)
        self.assertEqual((answer_a.inquiry_choice, answer_b.inquiry_choice), ('chosen', 'not_chosen'))
        self.assertAlmostEqual(self.line1.margin_percent, (4000 - 2000) / 4000 * 100)

    def test_choose_converts_currency_and_unit(self):
        other = self.env['res.currency'].with_context(active_test=False).search(
            [('id', '!=', self.company_currency.id), ('name', 'in', ('USD', 'EUR'))], limit=1)
        other.active = True
        self.env['res.currency.rate'].create({
            'currency_id': other.id, 'rate': self.company_currency.rate / 7, 'name': self._days_ago(1)[:10],
            'company_id': self.env.user.company_id.id})
        self.supplier_b.property_purchase_currency_id = other
        # A quotation line of 2 dozens; supplier B answers 120 (other currency) a dozen.
        order = self._quotation(self.salesperson, self.customer, [(self.product, 2, 13000, 0, self.uom_dozen)])
        order.sudo(self.salesperson)._create_supplier_inquiries(order.order_line, self.supplier_b)
        purchase = self.env['purchase.order'].search([('sale_order_id', '=', order.id)])
        self.assertEqual(purchase.currency_id, other)
        answer = purchase.order_line
        self.assertEqual(answer.product_uom, self.uom_dozen)
        answer.sudo(self.buyer).write({'price_unit': 120, 'inquiry_lead_days': 15})
        row = self.env['sale.inquiry.comparison'].sudo(self.salesperson).search([('purchase_line_id', '=', answer.id)])
        expected_cost = other.with_context(date=order.date_order).compute(120, self.company_currency, round=False)
        self.assertAlmostEqual(row.cost_price, expected_cost, places=2)
        row.action_choose()
        self.assertAlmostEqual(order.order_line.purchase_price, expected_cost, places=2)
        seller = self.env['product.supplierinfo'].search([
            ('name', '=', self.supplier_b.id), ('product_tmpl_id', '=', self.product.product_tmpl_id.id)])
        self.assertEqual((seller.price, seller.currency_id, seller.delay), (10, other, 15),
                         'the vendor price is per unit, in the currency of the supplier')

    def test_bad_input_refused(self):
        with self.assertRaisesRegex(UserError, 'lines'), self.cr.savepoint():
            self._wizard(sale_line_ids=[(5, 0, 0)]).action_create_rfqs()
        with self.assertRaisesRegex(UserError, 'supplier'), self.cr.savepoint():
            self._wizard(supplier_ids=[(5, 0, 0)]).action_create_rfqs()
        customer_only = self.env['res.partner'].create({'name': '不是供应商', 'supplier': False})
        with self.assertRaises(UserError), self.cr.savepoint():
            self.order.sudo(self.salesperson)._create_supplier_inquiries(self.line1, customer_only)
        self.assertFalse(self.env['purchase.order'].search([('sale_order_id', '=', self.order.id)]))
        # Someone else's quotation.
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.order.sudo(self.salesperson2)._create_supplier_inquiries(self.line1, self.supplier_a)
        purchase_a, purchase_b = self._inquire()
        answer_a = purchase_a.order_line.filtered(lambda l: l.product_id == self.product)
        with self.assertRaises(ValidationError), self.cr.savepoint():
            answer_a.sudo(self.buyer).write({'inquiry_lead_days': -3})
        row = self._comparison().filtered(lambda r: r.purchase_line_id == answer_a)
        cost = self.line1.purchase_price
        for price in (0, -5):
            answer_a.write({'price_unit': price})
            with self.assertRaisesRegex(UserError, 'price'), self.cr.savepoint():
                row.action_choose()
        self.assertEqual(self.line1.purchase_price, cost)
        self.assertEqual((self.seller_a.price, self.seller_a.delay), (550, 7))
        self.assertFalse(answer_a.inquiry_choice)
        # Not on a confirmed order.
        answer_a.write({'price_unit': 500})
        self.order.sudo(self.manager).action_confirm()
        with self.assertRaises(UserError), self.cr.savepoint():
            row.action_choose()
        with self.assertRaises(UserError), self.cr.savepoint():
            self.order.sudo(self.salesperson).action_open_supplier_inquiry()
        self.assertEqual(self.line1.purchase_price, cost)
        self.assertEqual(self.seller_a.price, 550)
        self.assertFalse(answer_a.inquiry_choice)
