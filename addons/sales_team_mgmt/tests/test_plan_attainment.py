from odoo.addons.crm_lifecycle.tests.common import create_user
from odoo.tests.common import SavepointCase

from .common import create_invoice, register_payment


class TestPlanAttainment(SavepointCase):
    """Actuals of the SQL view against a direct computation on a small, known set of documents."""

    @classmethod
    def setUpClass(cls):
        super(TestPlanAttainment, cls).setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang='en_US', tracking_disable=True))
        Team = cls.env['crm.team']
        cls.lead = create_user(cls.env, 'test_att_lead', '测试达成经理', ['sales_team.group_sale_salesman_all_leads'])
        cls.director = create_user(cls.env, 'test_att_director', '测试达成总监', ['sales_team.group_sale_manager'])
        cls.team = Team.create({'name': '测试达成华东区', 'user_id': cls.lead.id})
        cls.sub_team = Team.create({'name': '测试达成苏南组', 'parent_id': cls.team.id})
        cls.other_team = Team.create({'name': '测试达成华南区'})
        cls.seller_a = create_user(cls.env, 'test_att_a', '测试达成甲', ['sales_team.group_sale_salesman'],
                                   sale_team_id=cls.team.id)
        cls.seller_b = create_user(cls.env, 'test_att_b', '测试达成乙', ['sales_team.group_sale_salesman'],
                                   sale_team_id=cls.sub_team.id)
        cls.seller_c = create_user(cls.env, 'test_att_c', '测试达成丙', ['sales_team.group_sale_salesman'],
                                   sale_team_id=cls.other_team.id)
        cls.customer = cls.env['res.partner'].create({'name': '测试达成客户', 'is_company': True, 'customer': True})
        cls.contract_type = cls.env['sale.contract.type'].create({'name': '测试达成合同'})

        # Contracts: signed ones count by sign date; a draft does not.
        cls._contract(cls.seller_a, cls.team, 120000, '2026-02-10')
        cls._contract(cls.seller_b, cls.sub_team, 50000, '2026-05-03')
        cls._contract(cls.seller_c, cls.other_team, 999, '2026-02-11')
        cls._contract(cls.seller_a, cls.team, 70000, '2026-02-12', sign=False)

        # Invoices minus credit notes; a draft invoice does not count. Payments by payment date.
        invoice = cls._invoice(cls.seller_a, 80000, '2026-03-01')
        cls._invoice(cls.seller_a, 5000, '2026-03-20', kind='out_refund')
        cls._invoice(cls.seller_a, 1000, '2026-03-21', post=False)
        cls._pay(invoice, 30000, '2026-03-25')
        cls._pay(invoice, 20000, '2026-04-05')

        # Order lines of confirmed orders, by category (with sub-categories) and product.
        cls.category = cls.env['product.category'].create({'name': '测试达成伺服'})
        cls.sub_category = cls.env['product.category'].create({'name': '测试达成电机', 'parent_id': cls.category.id})
        cls.motor = cls.env['product.product'].create({'name': '测试达成电机', 'categ_id': cls.sub_category.id})
        cls.cable = cls.env['product.product'].create({'name': '测试达成电缆'})

        def order_line(product, quantity):
            return (0, 0, {'product_id': product.id, 'product_uom_qty': quantity, 'price_unit': 100,
                           'product_uom': product.uom_id.id})
        order = cls.env['sale.order'].create({
            'partner_id': cls.customer.id, 'user_id': cls.seller_a.id, 'team_id': cls.team.id,
            'order_line': [order_line(cls.motor, 7), order_line(cls.cable, 3)]})
        order.action_confirm()
        order.write({'confirmation_date': '2026-06-01 02:00:00'})
        draft_order = cls.env['sale.order'].create({
            'partner_id': cls.customer.id, 'user_id': cls.seller_a.id, 'team_id': cls.team.id,
            'order_line': [order_line(cls.motor, 50)]})
        draft_order.write({'confirmation_date': '2026-06-02 02:00:00'})

        # New customers by owner: companies created in the period; not their contacts, not older ones.
        Partner = cls.env['res.partner']
        new = Partner.create({'name': '测试新客户一', 'is_company': True, 'customer': True, 'user_id': cls.seller_b.id})
        new2 = Partner.create({'name': '测试新客户二', 'customer': True, 'user_id': cls.seller_b.id})
        Partner.create({'name': '测试联系人', 'customer': True, 'parent_id': new.id, 'user_id': cls.seller_b.id})
        old = Partner.create({'name': '测试老客户', 'customer': True, 'user_id': cls.seller_b.id})
        cls.env.cr.execute("UPDATE res_partner SET create_date = '2026-07-01' WHERE id IN %s", [(new.id, new2.id)])
        cls.env.cr.execute("UPDATE res_partner SET create_date = '2025-07-01' WHERE id = %s", [old.id])

        Line = cls.env['sales.plan.line']
        cls.plan = cls.env['sales.plan'].create({'name': '测试达成计划', 'year': 2026, 'team_id': cls.team.id})

        def line(**values):
            return Line.create(dict({'plan_id': cls.plan.id, 'target': 100}, **values))
        cls.team_signed = line(team_id=cls.team.id, target=400000)
        cls.team_quarters = cls.team_signed.split_over_periods('quarter')
        cls.b_signed = line(user_id=cls.seller_b.id, team_id=cls.sub_team.id, target=60000)
        cls.a_invoiced = line(user_id=cls.seller_a.id, metric='invoiced_amount', target=100000)
        cls.a_collected = line(user_id=cls.seller_a.id, metric='collected_amount', target=80000)
        cls.a_collected_quarters = cls.a_collected.split_over_periods('quarter', [1, 1, 1, 1])
        cls.categ_qty = line(team_id=cls.team.id, metric='product_qty', product_categ_id=cls.category.id)
        cls.motor_qty = line(team_id=cls.team.id, metric='product_qty', product_id=cls.motor.id)
        cls.b_customers = line(user_id=cls.seller_b.id, metric='new_customers', target=4)

    @classmethod
    def _contract(cls, user, team, amount, sign_date, sign=True):
        contract = cls.env['sale.contract'].create({
            'title': '测试达成合同', 'partner_id': cls.customer.id, 'contract_type_id': cls.contract_type.id,
            'user_id': user.id, 'team_id': team.id, 'amount_total': amount, 'sign_date': sign_date})
        if sign:
            contract.action_submit()
            if contract.state != 'approved':
                contract.sudo(cls.director).action_approve()
            contract.action_sign()
        return contract

    @classmethod
    def _invoice(cls, user, amount, date, kind='out_invoice', post=True):
        return create_invoice(cls.env, cls.customer, user, amount, date, kind, post)

    @classmethod
    def _pay(cls, invoice, amount, date):
        return register_payment(invoice, amount, date)

    def _actual(self, line):
        return self.env['sales.plan.attainment'].search([('line_id', '=', line.id)])

    def test_signed_amount_by_team_with_sub_teams_and_period(self):
        row = self._actual(self.team_signed)
        # Direct computation: signed contracts of the team and its sub-team signed in 2026.
        contracts = self.env['sale.contract'].search([
            ('team_id', 'child_of', self.team.id), ('state', 'in', ('signed', 'executing', 'done', 'terminated')),
            ('sign_date', '>=', '2026-01-01'), ('sign_date', '<=', '2026-12-31')])
        self.assertEqual(sum(contracts.mapped('amount_total')), 170000.0)
        self.assertEqual((row.target, row.actual, row.gap), (400000.0, 170000.0, 230000.0))
        self.assertAlmostEqual(row.progress, 42.5)
        quarters = [self._actual(quarter) for quarter in self.team_quarters]
        self.assertEqual([q.actual for q in quarters], [120000.0, 50000.0, 0.0, 0.0])
        self.assertEqual((quarters[0].progress, quarters[0].gap), (120.0, -20000.0))
        self.assertEqual(quarters[1].date_start, '2026-04-01')
        self.assertEqual(self._actual(self.b_signed).actual, 50000.0)

    def test_invoiced_collected_quantities_and_new_customers(self):
        self.assertEqual(self._actual(self.a_invoiced).actual, 75000.0)  # 80,000 invoiced − 5,000 credited
        self.assertEqual(self._actual(self.a_collected).actual, 50000.0)
        self.assertEqual([self._actual(q).actual for q in self.a_collected_quarters], [30000.0, 20000.0, 0.0, 0.0])
        self.assertEqual(self._actual(self.motor_qty).actual, 7.0)
        self.assertEqual(self._actual(self.categ_qty).actual, 7.0)  # the motor's sub-category, not the cable
        row = self._actual(self.b_customers)
        self.assertEqual((row.actual, row.progress), (2.0, 50.0))

    def test_each_sees_own_targets_leaders_their_teams(self):
        Attainment = self.env['sales.plan.attainment']
        plan = [('plan_id', '=', self.plan.id)]
        self.assertEqual(Attainment.sudo(self.seller_a).search(plan).mapped('user_id'), self.seller_a)
        self.assertEqual(Attainment.sudo(self.seller_c).search(plan), Attainment)
        lead_rows = Attainment.sudo(self.lead).search(plan)
        self.assertEqual(set(lead_rows.mapped('line_id').ids), set(self.plan.line_ids.ids))
        self.assertEqual(len(Attainment.sudo(self.director).search(plan)), len(self.plan.line_ids))
        # A team lead who no longer leads the team sees its targets no more, at once.
        self.team.user_id = self.director
        self.assertFalse(Attainment.sudo(self.lead).search(plan))
