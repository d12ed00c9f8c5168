from unittest.mock import patch

from odoo.exceptions import AccessError, UserError

from .common import ContractCase


class TestFastOrder(ContractCase):

    @classmethod
    def setUpClass(cls):
        super(TestFastOrder, cls).setUpClass()
        company = cls.env.user.company_id
        cls.warehouse = cls.env['stock.warehouse'].search([('company_id', '=', company.id)], limit=1)
        cls.stock_location = cls.warehouse.lot_stock_id
        cls.pricelist = cls.env['product.pricelist'].create({
            'name': '测试开单价目表', 'currency_id': company.currency_id.id})
        Product = cls.env['product.product']
        cls.motor = Product.create({
            'name': '测试伺服电机', 'type': 'product', 'list_price': 1000, 'floor_price': 800,
            'invoice_policy': 'delivery', 'taxes_id': [(6, 0, [])]})
        cls.cable = Product.create({
            'name': '测试电缆', 'type': 'consu', 'list_price': 50, 'invoice_policy': 'order',
            'taxes_id': [(6, 0, [])]})
        cls.service = Product.create({
            'name': '测试安装服务', 'type': 'service', 'list_price': 300, 'invoice_policy': 'order',
            'taxes_id': [(6, 0, [])]})
        cls.env['stock.quant']._update_available_quantity(cls.motor, cls.stock_location, 10)
        cls.cash_journal = cls.env['account.journal'].search(
            [('type', '=', 'cash'), ('company_id', '=', company.id)], limit=1)

    def _wizard(self, lines, user=None, **values):
        vals = {'partner_id': self.customer.id, 'pricelist_id': self.pricelist.id, 'warehouse_id': self.warehouse.id,
                'line_ids': [(0, 0, line) for line in lines]}
        vals.update(values)
        return self.env['sale.fast.order.wizard'].sudo(user or self.salesperson).create(vals)

    def _counts(self):
        domain = [('partner_id', 'child_of', self.customer.id)]
        return (self.env['sale.order'].search_count(domain), self.env['stock.picking'].search_count(domain),
                self.env['account.invoice'].search_count(domain), self.env['account.payment'].search_count(domain))

    def _motor_on_hand(self):
        self.motor.invalidate_cache()
        return self.motor.with_context(location=self.stock_location.id).qty_available

    def test_one_step_sale_delivers_invoices_and_pays(self):
        wizard = self._wizard([{'product_id': self.motor.id, 'quantity': 3},
                               {'product_id': self.cable.id, 'quantity': 4},
                               {'product_id': self.service.id, 'quantity': 1}],
                              register_payment=True, journal_id=self.cash_journal.id)
        self.assertEqual(wizard.line_ids.mapped('price_unit'), [1000, 50, 300], "the pricelist's prices")
        self.assertEqual(wizard.line_ids[0].qty_available, 10)
        action = wizard.action_create_sale()
        order = self.env['sale.order'].browse(action['res_id'])
        self.assertEqual(action['res_model'], 'sale.order', 'the result opens the order')
        self.assertEqual(order.state, 'sale')
        self.assertEqual(order.user_id, self.salesperson)
        self.assertEqual((order.order_type, order.payment_method, order.delivery_method), ('fast', 'cash', 'pickup'))
        self.assertEqual(order.amount_total, 3 * 1000 + 4 * 50 + 300)
        self.assertTrue(order.picking_ids)
        self.assertEqual(set(order.picking_ids.mapped('state')), {'done'})
        self.assertNotIn(self.service, order.picking_ids.mapped('move_lines.product_id'), 'a service is not shipped')
        self.assertEqual(order.order_line.mapped('qty_delivered')[:2], [3, 4])
        self.assertEqual(self._motor_on_hand(), 7)
        invoice = order.invoice_ids
        self.assertEqual(len(invoice), 1)
        self.assertEqual(invoice.amount_total, 3500)
        self.assertEqual(invoice.state, 'paid', 'registered and reconciled payment')
        payment = self.env['account.payment'].search([('invoice_ids', 'in', invoice.ids)])
        self.assertEqual(payment.state, 'posted')
        self.assertEqual(payment.amount, 3500)
        # the salesperson sees his order, and as a salesperson no more than that
        self.assertEqual(order.sudo(self.salesperson).invoice_status, 'invoiced')

    def test_partial_payment_leaves_the_rest_open_and_overpayment_is_refused(self):
        wizard = self._wizard([{'product_id': self.cable.id, 'quantity': 10}],
                              register_payment=True, journal_id=self.cash_journal.id, payment_amount=200)
        order = self.env['sale.order'].browse(wizard.action_create_sale()['res_id'])
        self.assertEqual(order.invoice_ids.state, 'open')
        self.assertEqual(order.invoice_ids.residual, 300)
        before = self._counts()
        wizard = self._wizard([{'product_id': self.cable.id, 'quantity': 1}],
                              register_payment=True, journal_id=self.cash_journal.id, payment_amount=999)
        with self.assertRaisesRegex(UserError, 'more than the invoice total'), self.cr.savepoint():
            wizard.action_create_sale()
        self.assertEqual(self._counts(), before, 'nothing of the refused sale remains')

    def test_price_typed_by_hand(self):
        wizard = self._wizard([{'product_id': self.motor.id, 'quantity': 2, 'price_unit': 950}])
        order = self.env['sale.order'].browse(wizard.action_create_sale()['res_id'])
        self.assertEqual(order.order_line.price_unit, 950)
        self.assertTrue(order.order_line.price_manual)
        self.assertEqual(order.payment_method, 'credit', 'not paid now')
        self.assertEqual(order.amount_total, 1900)

    def test_short_stock_creates_nothing(self):
        self.env['stock.quant']._update_available_quantity(self.motor, self.stock_location, -8)
        wizard = self._wizard([{'product_id': self.motor.id, 'quantity': 2},
                               {'product_id': self.motor.id, 'quantity': 1},
                               {'product_id': self.cable.id, 'quantity': 100}])
        with self.assertRaises(UserError) as refused, self.cr.savepoint():
            wizard.action_create_sale()
        message = refused.exception.name
        self.assertIn('测试伺服电机', message)
        self.assertIn('3.000', message, 'the quantity needed in all lines')
        self.assertIn('2.000', message, 'the quantity available')
        self.assertNotIn('测试电缆', message, 'consumables are not counted')
        self.assertEqual(self._counts(), (0, 0, 0, 0))

    def test_price_rule_refusal_rolls_everything_back(self):
        wizard = self._wizard([{'product_id': self.motor.id, 'quantity': 2, 'price_unit': 500}])
        with self.assertRaisesRegex(UserError, 'floor price'), self.cr.savepoint():
            wizard.action_create_sale()
        self.assertEqual(self._counts(), (0, 0, 0, 0))
        self.assertEqual(self._motor_on_hand(), 10)

    def test_failure_after_delivery_rolls_back_the_delivery_too(self):
        wizard = self._wizard([{'product_id': self.motor.id, 'quantity': 4}],
                              register_payment=True, journal_id=self.cash_journal.id)
        Invoice = type(self.env['account.invoice'])
        with patch.object(Invoice, 'action_invoice_open', side_effect=UserError('测试：没有收入科目')), \
                self.assertRaisesRegex(UserError, '没有收入科目'), self.cr.savepoint():
            wizard.action_create_sale()
        self.assertEqual(self._counts(), (0, 0, 0, 0))
        self.assertEqual(self._motor_on_hand(), 10, 'the validated delivery is undone with the rest')
        self.assertFalse(self.env['stock.move'].search([('product_id', '=', self.motor.id), ('state', '=', 'done'),
                                                        ('location_dest_id.usage', '=', 'customer')]))

    def test_only_salespeople(self):
        wizard = self._wizard([{'product_id': self.cable.id, 'quantity': 1}], user=self.accountant)
        with self.assertRaises(AccessError), self.cr.savepoint():
            wizard.action_create_sale()
        self.assertEqual(self._counts(), (0, 0, 0, 0))
        with self.assertRaisesRegex(UserError, 'positive'), self.cr.savepoint():
            self._wizard([{'product_id': self.cable.id, 'quantity': 0}]).action_create_sale()

    def test_price_strategy_gives_the_default_price(self):
        strategy = self.env['sale.price.strategy'].create({
            'name': '测试开单项目价', 'priority': 1, 'strategy_type': 'fixed',
            'product_ids': [(6, 0, self.motor.ids)],
            'break_ids': [(0, 0, {'min_quantity': 0, 'fixed_price': 900})]})
        wizard = self._wizard([{'product_id': self.motor.id, 'quantity': 2}])
        self.assertEqual(wizard.line_ids.price_unit, 900, "the strategy's price, as on a sales order")
        order = self.env['sale.order'].browse(wizard.action_create_sale()['res_id'])
        self.assertEqual(order.order_line.price_unit, 900)
        self.assertEqual(order.order_line.price_strategy_id, strategy)
        self.assertFalse(order.order_line.price_manual)
