from odoo import fields
from odoo.exceptions import AccessError, UserError

from .common import QuotePricingCase


class TestFloorPrice(QuotePricingCase):

    def test_gap_after_discount(self):
        order = self._create_quotation(self.salesperson, 1000, discount=25)
        line = order.order_line
        self.assertEqual(line.floor_price, 800)
        self.assertTrue(line.below_floor)
        self.assertAlmostEqual(line.floor_gap, 50.0)
        self.assertTrue(order.has_below_floor_lines)
        line.write({'discount': 20})
        self.assertFalse(line.below_floor, 'exactly at the floor price is allowed')
        self.assertEqual(line.floor_gap, 0.0)
        self.assertFalse(order.has_below_floor_lines)

    def test_floor_price_in_order_currency(self):
        other = self.env['res.currency'].with_context(active_test=False).search(
            [('id', '!=', self.company_currency.id), ('name', 'in', ('USD', 'EUR'))], limit=1)
        other.active = True
        # One unit of company currency buys two of the other currency today.
        rate = self.company_currency.rate * 2
        today_rate = other.rate_ids.filtered(lambda r: r.name[:10] == fields.Date.today())
        if today_rate:
            today_rate.write({'rate': rate})
        else:
            self.env['res.currency.rate'].create({'currency_id': other.id, 'rate': rate})
        pricelist = self.env['product.pricelist'].create({'name': '测试外币价目表', 'currency_id': other.id})
        line = self._create_quotation(self.salesperson, 1500, pricelist=pricelist).order_line
        self.assertAlmostEqual(line.floor_price, 1600.0)
        self.assertTrue(line.below_floor)
        self.assertAlmostEqual(line.floor_gap, 100.0)

    def test_salesperson_cannot_confirm_below_floor(self):
        order = self._create_quotation(self.salesperson, 700)
        with self.assertRaisesRegex(UserError, '测试变频器'), self.cr.savepoint():
            order.action_confirm()
        self.assertEqual(order.state, 'draft')

    def test_salesperson_cannot_send_below_floor(self):
        order = self._create_quotation(self.salesperson, 700)
        with self.assertRaises(UserError), self.cr.savepoint():
            order.action_quotation_send()
        self.assertEqual(order.state, 'draft')

    def test_manager_confirms_below_floor(self):
        order = self._create_quotation(self.salesperson, 700)
        self.assertIsInstance(order.sudo(self.manager).action_quotation_send(), dict)
        order.sudo(self.manager).action_confirm()
        self.assertEqual(order.state, 'sale')

    def test_salesperson_confirms_at_or_above_floor(self):
        at_floor = self._create_quotation(self.salesperson, 800)
        at_floor.action_confirm()
        self.assertEqual(at_floor.state, 'sale')
        above_floor = self._create_quotation(self.salesperson, 950)
        above_floor.action_quotation_send()
        above_floor.action_confirm()
        self.assertEqual(above_floor.state, 'sale')

    def test_only_sales_managers_set_floor_prices(self):
        stock_manager = self.env['res.users'].with_context(no_reset_password=True).create({
            'name': '测试仓库主管', 'login': 'test_quote_stock', 'email': 'quote.stock@example.cn',
            'groups_id': [(6, 0, [self.env.ref('stock.group_stock_manager').id])]})
        template = self.product.product_tmpl_id
        with self.assertRaises(AccessError), self.cr.savepoint():
            template.sudo(stock_manager).write({'floor_price': 10})
        template.sudo(stock_manager).write({'name': '测试变频器（新款）', 'floor_price': 800})
        template.sudo(self.manager).write({'floor_price': 850})
        self.assertEqual(template.floor_price, 850)
