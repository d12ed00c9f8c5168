from odoo.exceptions import AccessError, UserError, ValidationError

from .common import QuotePricingCase


class TestPriceApproval(QuotePricingCase):
    """Below floor and above-limit discounts are sent or confirmed only once approved through the tiers:
    a team lead up to the company's percentage below floor, a sales director beyond; by button and by RPC
    (the same methods and writes); nobody approves his own; changing approved prices asks again."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team_lead = cls.env['res.users'].with_context(no_reset_password=True).create({
            'name': '测试报价组长', 'login': 'test_quote_lead', 'email': 'quote.lead@example.cn',
            'groups_id': [(6, 0, [cls.env.ref('sales_team.group_sale_salesman_all_leads').id])]})
        cls.company = cls.env.user.company_id
        cls.company.floor_approval_team_lead_percent = 10

    def _activities_of(self, order, user):
        return order.activity_ids.filtered(lambda activity: activity.user_id == user)

    def test_team_lead_approves_small_gap(self):
        order = self._create_quotation(self.salesperson, 760)  # 5 % below the floor of 800
        self.assertEqual(order.floor_approval_level, 'team_lead')
        as_sales = order.sudo(self.salesperson)
        with self.assertRaisesRegex(UserError, 'needs approval'), self.cr.savepoint():
            as_sales.action_confirm()
        with self.assertRaisesRegex(UserError, 'needs approval'), self.cr.savepoint():
            as_sales.action_quotation_send()
        with self.assertRaisesRegex(UserError, 'needs approval'), self.cr.savepoint():
            as_sales.print_quotation()
        as_sales.action_request_price_approval()
        self.assertEqual(order.price_approval_state, 'to_approve')
        self.assertTrue(self._activities_of(order, self.team_lead), 'the approvers get an activity')
        # the salesperson cannot approve by any route
        with self.assertRaises(UserError), self.cr.savepoint():
            as_sales.write({'price_approval_state': 'approved'})
        with self.assertRaises(AccessError), self.cr.savepoint():
            order.review_ids.sudo(self.salesperson).write({'status': 'approved'})
        with self.assertRaisesRegex(UserError, 'your own'), self.cr.savepoint():
            as_sales.validate_tier()
        # lines are frozen under review
        with self.assertRaisesRegex(UserError, 'being reviewed'), self.cr.savepoint():
            order.order_line.sudo(self.salesperson).write({'price_unit': 700})
        # the buttons answer True: an XML-RPC client (the top-level tests) cannot receive None
        self.assertIs(order.sudo(self.team_lead).validate_tier(), True)
        self.assertEqual((order.price_approval_state, order.price_approver_id), ('approved', self.team_lead))
        self.assertFalse(self._activities_of(order, self.team_lead), 'decided: the activities go')
        self.assertTrue(order.message_ids.filtered(lambda m: 'approved' in (m.body or '') or '批准' in (m.body or '')))
        as_sales.action_confirm()
        self.assertEqual(order.state, 'sale')
        # confirmed: lowering the price further is refused
        with self.assertRaises(UserError), self.cr.savepoint():
            order.order_line.sudo(self.salesperson).write({'price_unit': 600})

    def test_director_beyond_and_new_prices_ask_again(self):
        order = self._create_quotation(self.salesperson, 640)  # 20 % below
        self.assertEqual(order.floor_approval_level, 'director')
        order.sudo(self.salesperson).action_request_price_approval()
        order.sudo(self.team_lead).validate_tier()
        self.assertEqual(order.price_approval_state, 'to_approve', 'a team lead is not enough 20 % below floor')
        order.sudo(self.manager).validate_tier()
        self.assertEqual(order.price_approval_state, 'approved')
        order.order_line.sudo(self.salesperson).write({'price_unit': 620})
        self.assertEqual(order.price_approval_state, 'draft', 'the approval covered other prices')
        with self.assertRaisesRegex(UserError, 'needs approval'), self.cr.savepoint():
            order.sudo(self.salesperson).action_confirm()

    def test_reviewer_confirms_directly_and_refusal(self):
        order = self._create_quotation(self.salesperson, 760)
        order.sudo(self.team_lead).action_confirm()  # he may approve every tier: confirming approves
        self.assertEqual((order.state, order.price_approval_state, order.price_approver_id),
                         ('sale', 'approved', self.team_lead))
        refused = self._create_quotation(self.salesperson, 760)
        refused.sudo(self.salesperson).action_request_price_approval()
        self.assertIs(refused.sudo(self.team_lead).reject_tier(), True)
        self.assertEqual(refused.price_approval_state, 'rejected')
        refused.order_line.sudo(self.salesperson).write({'price_unit': 800})
        refused.sudo(self.salesperson).action_confirm()  # at the floor: no approval needed any more
        self.assertEqual(refused.state, 'sale')

    def _set_limit(self, group_xmlid, max_discount):
        Limit = self.env['sale.discount.limit'].with_context(active_test=False)
        group = self.env.ref(group_xmlid)
        limit = Limit.search([('group_id', '=', group.id), ('company_id', '=', self.company.id)])
        if limit:
            limit.write({'max_discount': max_discount, 'active': True})
        else:
            Limit.create({'group_id': group.id, 'max_discount': max_discount, 'company_id': self.company.id})

    def test_discount_beyond_the_salesperson_limit(self):
        self._set_limit('sales_team.group_sale_salesman', 10)
        self._set_limit('sales_team.group_sale_salesman_all_leads', 20)
        self.product.floor_price = 0
        small = self._create_quotation(self.salesperson, 1000, discount=8)
        self.assertEqual(small.discount_approval_level, 'none')
        small.sudo(self.salesperson).action_confirm()
        order = self._create_quotation(self.salesperson, 1000, discount=15)
        self.assertEqual(order.discount_approval_level, 'team_lead')
        with self.assertRaisesRegex(UserError, 'at most 10'), self.cr.savepoint():
            order.sudo(self.salesperson).action_confirm()
        big = self._create_quotation(self.salesperson, 1000, discount=25)
        self.assertEqual(big.discount_approval_level, 'director')

    def test_customer_floor_prices_and_ceiling(self):
        category = self.env['crm.customer.category'].create({'name': '测试战略客户', 'code': 'TS'})
        self.customer.customer_category_id = category
        Floor = self.env['sale.floor.price']
        with self.assertRaises(AccessError), self.cr.savepoint():
            Floor.sudo(self.salesperson).create({'product_tmpl_id': self.product.product_tmpl_id.id,
                                                 'customer_category_id': category.id, 'floor_price': 1})
        Floor.sudo(self.manager).create({'product_tmpl_id': self.product.product_tmpl_id.id,
                                         'customer_category_id': category.id, 'floor_price': 700,
                                         'ceiling_price': 1200})
        line = self._create_quotation(self.salesperson, 750).order_line
        self.assertEqual((line.floor_price, line.below_floor), (700, False), 'the category floor price')
        line.write({'price_unit': 1300})
        self.assertTrue(line.above_ceiling, 'above the category ceiling of 1200')
        line.write({'price_unit': 750})
        Floor.sudo(self.manager).create({'product_tmpl_id': self.product.product_tmpl_id.id,
                                         'partner_id': self.customer.id, 'floor_price': 780})
        line.invalidate_cache()
        self.assertEqual((line.floor_price, line.below_floor), (780, True), 'the customer wins over his category')
        with self.assertRaises(ValidationError), self.cr.savepoint():
            Floor.sudo(self.manager).create({'product_tmpl_id': self.product.product_tmpl_id.id,
                                             'partner_id': self.customer.id, 'customer_category_id': category.id,
                                             'floor_price': 1})
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self.product.product_tmpl_id.sudo(self.manager).write({'ceiling_price': 500})

    def test_bad_quote_lines(self):
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self._create_quotation(self.salesperson, -5)
        order = self._create_quotation(self.salesperson, 900)
        with self.assertRaises(ValidationError), self.cr.savepoint():
            order.order_line.sudo(self.salesperson).write({'product_uom_qty': 0})

    def test_amount_tier(self):
        self.product.floor_price = 0
        big = self._create_quotation(self.salesperson, 1200000)
        big.sudo(self.salesperson).action_confirm()  # the amount tier is off by default
        tier = self.env.ref('quote_pricing.tier_amount_director')
        tier.active = True
        bigger = self._create_quotation(self.salesperson, 1500000)
        with self.assertRaisesRegex(UserError, '大额报价审批'), self.cr.savepoint():
            bigger.sudo(self.salesperson).action_confirm()
        bigger.sudo(self.salesperson).action_request_price_approval()
        bigger.sudo(self.manager).validate_tier()
        bigger.sudo(self.salesperson).action_confirm()
        self.assertEqual(bigger.state, 'sale')

    def test_tiers_per_company(self):
        other = self.env['res.company'].create({'name': '测试报价其他公司'})
        tiers = self.env.ref('quote_pricing.tier_floor_team_lead') | self.env.ref('quote_pricing.tier_floor_director')
        tiers.write({'company_id': other.id})
        order = self._create_quotation(self.salesperson, 760)
        self.assertFalse(order._applicable_tiers(), "another company's tiers do not apply here")
        # no tier: the rule without approval, only a sales manager goes below floor
        with self.assertRaisesRegex(UserError, '测试变频器'), self.cr.savepoint():
            order.sudo(self.salesperson).action_confirm()
        order.sudo(self.manager).action_confirm()
        self.assertEqual(order.state, 'sale')
