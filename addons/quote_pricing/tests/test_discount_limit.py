from odoo.exceptions import AccessError, UserError
from odoo.tests.common import at_install, post_install

from .common import QuotePricingCase


class DiscountLimitCase(QuotePricingCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # No floor price: only the discount rule can refuse these quotations.
        cls.product = cls.env['product.product'].create({
            'name': '测试接近开关', 'type': 'consu', 'list_price': 100, 'taxes_id': [(6, 0, [])]})
        cls.team_lead = cls.env['res.users'].with_context(no_reset_password=True).create({
            'name': '测试销售组长', 'login': 'test_quote_lead', 'email': 'quote.lead@example.cn',
            'groups_id': [(6, 0, [cls.env.ref('sales_team.group_sale_salesman_all_leads').id])]})
        Limit = cls.env['sale.discount.limit']
        Limit.with_context(active_test=False).search([]).unlink()  # demo limits, if any
        company = cls.env.user.company_id
        cls.salesman_limit = Limit.create({
            'group_id': cls.env.ref('sales_team.group_sale_salesman').id, 'max_discount': 10,
            'company_id': company.id})
        Limit.create({
            'group_id': cls.env.ref('sales_team.group_sale_salesman_all_leads').id, 'max_discount': 20,
            'company_id': company.id})


class TestDiscountLimit(DiscountLimitCase):

    def test_salesperson_above_limit_refused(self):
        order = self._create_quotation(self.salesperson, 100, discount=15)
        self.assertTrue(order.order_line.discount_over_limit)
        with self.assertRaises(UserError) as refused, self.cr.savepoint():
            order.action_confirm()
        message = refused.exception.name
        self.assertIn('测试接近开关', message)
        self.assertIn('15.00', message, 'the discount given')
        self.assertIn('10.00', message, 'the maximum allowed')
        with self.assertRaises(UserError), self.cr.savepoint():
            order.action_quotation_send()
        self.assertEqual(order.state, 'draft')

    def test_salesperson_at_limit(self):
        order = self._create_quotation(self.salesperson, 100, discount=10)
        self.assertFalse(order.order_line.discount_over_limit)
        self.assertIsInstance(order.action_quotation_send(), dict)
        order.action_confirm()
        self.assertEqual(order.state, 'sale')

    def test_team_lead_gets_highest_limit(self):
        self.assertTrue(self.team_lead.has_group('sales_team.group_sale_salesman'), 'a team lead is a salesperson')
        order = self._create_quotation(self.team_lead, 100, discount=20)
        order.action_confirm()
        self.assertEqual(order.state, 'sale')
        order = self._create_quotation(self.team_lead, 100, discount=25)
        with self.assertRaises(UserError), self.cr.savepoint():
            order.action_confirm()
        self.assertEqual(order.state, 'draft')

    def test_manager_confirms_any_discount(self):
        order = self._create_quotation(self.salesperson, 100, discount=60)
        order_as_manager = order.sudo(self.manager)
        self.assertFalse(order_as_manager.order_line.discount_over_limit)
        self.assertIsInstance(order_as_manager.action_quotation_send(), dict)
        order_as_manager.action_confirm()
        self.assertEqual(order.state, 'sale')

    def test_salesperson_cannot_change_limits(self):
        Limit = self.env['sale.discount.limit'].sudo(self.salesperson)
        self.assertEqual(Limit.search([]).mapped('max_discount'), [10, 20], 'salespeople read the limits')
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.salesman_limit.sudo(self.salesperson).write({'max_discount': 50})
        with self.assertRaises(AccessError), self.cr.savepoint():
            Limit.create({'group_id': self.env.ref('base.group_user').id, 'max_discount': 50})
        self.assertEqual(self.salesman_limit.max_discount, 10)


# Creating a company needs the defaults of every installed module (e.g. sale_stock's security_lead), which are
# not all loaded yet when at-install tests run during an update (-u): run after the installation instead.
@at_install(False)
@post_install(True)
class TestDiscountLimitMultiCompany(DiscountLimitCase):

    def test_other_company_limit_does_not_apply(self):
        other_company = self.env['res.company'].create({'name': '测试深圳分公司'})
        self.env['sale.discount.limit'].create({
            'group_id': self.env.ref('sales_team.group_sale_salesman').id, 'max_discount': 30,
            'company_id': other_company.id})
        order = self._create_quotation(self.salesperson, 100, discount=15)
        with self.assertRaises(UserError), self.cr.savepoint():
            order.action_confirm()
        self.assertEqual(order.state, 'draft')
        # Without a limit in their company, salespeople are not limited (nothing configured).
        self.salesman_limit.active = False
        order = self._create_quotation(self.salesperson, 100, discount=15)
        order.action_confirm()
        self.assertEqual(order.state, 'sale')
