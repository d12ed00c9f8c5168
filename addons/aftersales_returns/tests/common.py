from odoo.addons.crm_lifecycle.tests.common import create_user
from odoo.tests.common import SavepointCase


class ReturnCase(SavepointCase):
    """A customer whose order of 10 servo motors (2,500 + 13 % VAT each) was really delivered (picking
    validated)."""

    @classmethod
    def setUpClass(cls):
        super(ReturnCase, cls).setUpClass()
        # Messages are asserted in English whatever the database's users speak.
        cls.env = cls.env(context=dict(cls.env.context, lang='en_US'))
        cls.agent = create_user(cls.env, 'test_return_agent', '测试售后专员', ['aftersales_returns.group_aftersales_user'])
        cls.aftersales_manager = create_user(cls.env, 'test_return_manager', '测试售后经理',
                                             ['aftersales_returns.group_aftersales_manager'])
        cls.salesperson = create_user(cls.env, 'test_return_sales', '测试销售员', ['sales_team.group_sale_salesman'])
        cls.other_salesperson = create_user(cls.env, 'test_return_sales2', '测试销售员乙', ['sales_team.group_sale_salesman'])
        cls.customer = cls.env['res.partner'].create({
            'name': '测试退货客户有限公司', 'is_company': True, 'customer': True, 'email': 'buyer@example.cn'})
        cls.vat = cls.env['account.tax'].create({
            'name': '测试增值税 13%', 'amount': 13.0, 'amount_type': 'percent', 'type_tax_use': 'sale'})
        cls.product = cls.env['product.product'].create({
            'name': '测试伺服电机', 'type': 'product', 'list_price': 2500.0, 'invoice_policy': 'order',
            'taxes_id': [(6, 0, cls.vat.ids)]})
        cls.reason = cls.env['aftersales.return.reason'].create({'name': '测试质量问题'})
        cls.order = cls._confirmed_order(cls.product, 10)
        cls._deliver(cls.order.picking_ids)
        cls.order_line = cls.order.order_line

    @classmethod
    def _deliver(cls, picking):
        picking.force_assign()
        for move in picking.move_lines:
            move.quantity_done = move.product_uom_qty
        picking.button_validate()
        return picking

    @classmethod
    def _invoice(cls, order):
        """The order's customer invoice, validated."""
        invoice = cls.env['account.invoice'].browse(order.action_invoice_create())
        invoice.action_invoice_open()
        return invoice

    def _approved_return(self, quantity, **kwargs):
        request = self._return(quantity, **kwargs)
        request.sudo(self.aftersales_manager).action_approve()
        self.assertEqual(request.state, 'approved')
        return request

    @classmethod
    def _confirmed_order(cls, product, quantity):
        order = cls.env['sale.order'].create({
            'partner_id': cls.customer.id,
            'user_id': cls.salesperson.id,
            'order_line': [(0, 0, {'product_id': product.id, 'product_uom_qty': quantity, 'price_unit': 2500.0})],
        })
        order.action_confirm()
        return order

    def _return(self, quantity, user=None, order_line=None):
        order_line = order_line or self.order_line
        return self.env['aftersales.return'].sudo(user or self.agent).create({
            'partner_id': self.customer.id,
            'sale_order_id': order_line.order_id.id,
            'reason_id': self.reason.id,
            'line_ids': [(0, 0, {'sale_line_id': order_line.id, 'quantity': quantity})],
        })
