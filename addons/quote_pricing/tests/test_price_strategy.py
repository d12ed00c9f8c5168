from odoo.exceptions import ValidationError

from .common import QuotePricingCase


class TestPriceStrategy(QuotePricingCase):
    """Strategies pick the discount or the price of a line by customer, customer category, team, product,
    product category, quantity and dates, the lowest priority number first; the line names its strategy;
    quantity and customer changes reprice, over the form and over the model alike; a typed price stays."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Category = cls.env['crm.customer.category']
        cls.category_a = Category.create({'name': '测试A类', 'code': 'TA'})
        cls.customer.customer_category_id = cls.category_a
        cls.other_customer = cls.env['res.partner'].create({'name': '测试普通客户有限公司', 'is_company': True,
                                                            'customer': True})
        # a product category of its own: the demo's strategies cover the demo categories
        cls.product.categ_id = cls.env['product.category'].create({'name': '测试策略品类'})
        Strategy = cls.env['sale.price.strategy']
        cls.category_discount = Strategy.create({
            'name': '测试A类批量折扣', 'priority': 20, 'strategy_type': 'discount',
            'customer_category_ids': [(6, 0, cls.category_a.ids)], 'product_ids': [(6, 0, cls.product.ids)],
            'break_ids': [(0, 0, {'min_quantity': 0, 'discount': 5}), (0, 0, {'min_quantity': 10, 'discount': 12})]})
        cls.general = Strategy.create({
            'name': '测试全品类', 'priority': 90, 'strategy_type': 'discount',
            'product_category_ids': [(6, 0, cls.product.categ_id.ids)],
            'break_ids': [(0, 0, {'min_quantity': 0, 'discount': 2})]})

    def _line(self, customer, quantity):
        order = self.env['sale.order'].sudo(self.salesperson).create({
            'partner_id': customer.id, 'pricelist_id': self.pricelist.id,
            'order_line': [(0, 0, {'product_id': self.product.id, 'product_uom_qty': quantity,
                                   'product_uom': self.product.uom_id.id, 'name': self.product.name})]})
        return order.order_line

    def test_priority_breaks_and_recompute(self):
        line = self._line(self.customer, 2)
        self.assertEqual((line.price_strategy_id, line.discount), (self.category_discount, 5))
        line.sudo(self.salesperson).write({'product_uom_qty': 12})
        self.assertEqual(line.discount, 12, 'the quantity break of 10')
        # another customer: the category strategy no longer applies, the general one does
        line.order_id.sudo(self.salesperson).write({'partner_id': self.other_customer.id})
        self.assertEqual((line.price_strategy_id, line.discount), (self.general, 2))
        self.category_discount.priority = 100
        fresh = self._line(self.customer, 2)
        self.assertEqual(fresh.price_strategy_id, self.general, 'the lowest priority number wins')
        # a category covers its sub-categories
        self.product.categ_id = self.env['product.category'].create(
            {'name': '测试策略子品类', 'parent_id': self.product.categ_id.id})
        self.assertEqual(self._line(self.other_customer, 1).price_strategy_id, self.general)

    def test_fixed_price_team_and_dates(self):
        team = self.env['crm.team'].create({'name': '测试策略华东组'})
        fixed = self.env['sale.price.strategy'].create({
            'name': '测试华东组项目价', 'priority': 1, 'strategy_type': 'fixed', 'team_ids': [(6, 0, team.ids)],
            'date_start': '2000-01-01', 'date_end': '2099-12-31',
            'break_ids': [(0, 0, {'min_quantity': 0, 'fixed_price': 880})]})
        line = self._line(self.customer, 1)
        self.assertNotEqual(line.price_strategy_id, fixed, 'another team')
        line.order_id.write({'team_id': team.id})
        self.assertEqual((line.price_strategy_id, line.price_unit, line.discount), (fixed, 880, 0))
        fixed.date_end = '2001-01-01'
        line.write({'product_uom_qty': 2})
        self.assertNotEqual(line.price_strategy_id, fixed, 'expired')

    def test_validity_by_the_order_day_in_the_salespersons_time_zone(self):
        strategy = self.env['sale.price.strategy'].create({
            'name': '测试六月价', 'priority': 1, 'strategy_type': 'discount',
            'product_ids': [(6, 0, self.product.ids)], 'date_start': '2026-06-02', 'date_end': '2026-06-30',
            'break_ids': [(0, 0, {'min_quantity': 0, 'discount': 8})]})
        self.salesperson.tz = 'Asia/Shanghai'
        # 1 June 20:00 UTC is already 2 June in Shanghai
        order = self.env['sale.order'].sudo(self.salesperson).create({
            'partner_id': self.customer.id, 'pricelist_id': self.pricelist.id, 'date_order': '2026-06-01 20:00:00',
            'order_line': [(0, 0, {'product_id': self.product.id, 'product_uom_qty': 1,
                                   'product_uom': self.product.uom_id.id, 'name': self.product.name})]})
        self.assertEqual((order.order_line.price_strategy_id, order.order_line.discount), (strategy, 8))

    def test_typed_price_stays(self):
        line = self._line(self.customer, 2)
        line.sudo(self.salesperson).write({'discount': 3})
        self.assertTrue(line.price_manual)
        self.assertFalse(line.price_strategy_id)
        line.sudo(self.salesperson).write({'product_uom_qty': 20})
        self.assertEqual(line.discount, 3, 'a typed discount survives a quantity change')
        # the form: typing a price other than the strategy's marks it manual too
        form_line = self.env['sale.order.line'].new({
            'order_id': self._line(self.customer, 1).order_id.id, 'product_id': self.product.id,
            'product_uom_qty': 1, 'product_uom': self.product.uom_id.id})
        form_line.product_id_change()
        self.assertEqual(form_line.price_strategy_id, self.category_discount)
        form_line.discount = 1
        form_line._onchange_price_by_hand()
        self.assertTrue(form_line.price_manual)

    def test_bad_strategies_refused(self):
        Strategy = self.env['sale.price.strategy']
        with self.assertRaises(ValidationError), self.cr.savepoint():
            Strategy.create({'name': '坏折扣', 'break_ids': [(0, 0, {'min_quantity': 0, 'discount': 120})]})
        with self.assertRaises(ValidationError), self.cr.savepoint():
            Strategy.create({'name': '无价格', 'strategy_type': 'fixed',
                             'break_ids': [(0, 0, {'min_quantity': 0})]})
        with self.assertRaises(ValidationError), self.cr.savepoint():
            Strategy.create({'name': '倒序日期', 'date_start': '2026-12-31', 'date_end': '2026-01-01',
                             'break_ids': [(0, 0, {'min_quantity': 0, 'discount': 1})]})
        with self.assertRaises(ValidationError), self.cr.savepoint():
            Strategy.create({'name': '无阶梯'})
