from datetime import timedelta

import xlrd

from odoo import fields
from odoo.addons.crm_lifecycle.tests.common import create_user
from odoo.exceptions import AccessError
from odoo.tests.common import SavepointCase


class TestPlanForecast(SavepointCase):
    """Forecast to the period end against a direct computation: the sales_funnel forecast rows of the
    opportunities and the instalments of the payment plans, on a period around today."""

    @classmethod
    def setUpClass(cls):
        super(TestPlanForecast, cls).setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang='en_US', tracking_disable=True))
        cls.today = fields.Date.from_string(fields.Date.today())
        Team = cls.env['crm.team']
        cls.lead_user = create_user(cls.env, 'test_fc_lead', '测试预测经理', ['sales_team.group_sale_salesman_all_leads'])
        cls.director = create_user(cls.env, 'test_fc_director', '测试预测总监', ['sales_team.group_sale_manager'])
        cls.team = Team.create({'name': '测试预测华东区', 'user_id': cls.lead_user.id})
        cls.sub_team = Team.create({'name': '测试预测苏南组', 'parent_id': cls.team.id})
        cls.other_team = Team.create({'name': '测试预测华南区'})
        cls.seller_a = create_user(cls.env, 'test_fc_a', '测试预测甲', ['sales_team.group_sale_salesman'],
                                   sale_team_id=cls.team.id)
        cls.seller_b = create_user(cls.env, 'test_fc_b', '测试预测乙', ['sales_team.group_sale_salesman'],
                                   sale_team_id=cls.sub_team.id)
        cls.seller_c = create_user(cls.env, 'test_fc_c', '测试预测丙', ['sales_team.group_sale_salesman'],
                                   sale_team_id=cls.other_team.id)
        cls.customer = cls.env['res.partner'].create({'name': '测试预测客户', 'is_company': True, 'customer': True})
        cls.contract_type = cls.env['sale.contract.type'].create({'name': '测试预测合同'})

        # Open opportunities: inside the rest of the period they count, before today or after the end not.
        cls.opp_big = cls._opportunity(cls.seller_a, cls.team, 100000, 5)
        cls.opp_small = cls._opportunity(cls.seller_a, cls.team, 50000, 10)
        cls.opp_sub = cls._opportunity(cls.seller_b, cls.sub_team, 80000, 3)
        cls.opp_late = cls._opportunity(cls.seller_a, cls.team, 70000, -2)
        cls.opp_after = cls._opportunity(cls.seller_a, cls.team, 90000, 40)
        cls.opp_other = cls._opportunity(cls.seller_c, cls.other_team, 60000, 5)

        # A signed contract of 60,000: 30,000 due in 5 days, invoiced, 10,000 of it collected today;
        # 20,000 due 3 days ago (late: not in the rest of the period); 10,000 due in 10 days, not invoiced.
        cls.contract = cls.env['sale.contract'].create({
            'title': '测试预测合同', 'partner_id': cls.customer.id, 'contract_type_id': cls.contract_type.id,
            'user_id': cls.seller_a.id, 'team_id': cls.team.id, 'amount_total': 60000.0,
            'sign_date': cls._day(0),
            'payment_plan_ids': [
                (0, 0, {'sequence': 1, 'name': '发货款', 'amount': 30000.0, 'trigger': 'date',
                        'due_date': cls._day(5)}),
                (0, 0, {'sequence': 2, 'name': '进度款', 'amount': 20000.0, 'trigger': 'date',
                        'due_date': cls._day(-3)}),
                (0, 0, {'sequence': 3, 'name': '验收款', 'amount': 10000.0, 'trigger': 'date',
                        'due_date': cls._day(10)})]})
        cls.contract.action_submit()
        if cls.contract.state != 'approved':
            cls.contract.sudo(cls.director).action_approve()
        cls.contract.action_sign()
        cls.delivery, cls.progress, cls.acceptance = cls.contract.payment_plan_ids.sorted('sequence')
        cls.delivery.action_create_invoice()
        cls.delivery.register_payment(10000.0, cls._day(0))

        cls.period = cls.env['date.range'].create({
            'name': '测试预测期', 'type_id': cls.env.ref('sales_team_mgmt.date_range_type_week').id,
            'date_start': cls._day(-20), 'date_end': cls._day(20)})
        cls.plan = cls.env['sales.plan'].create({'name': '测试预测计划', 'year': cls.today.year})

        def line(**values):
            return cls.env['sales.plan.line'].create(dict(
                {'plan_id': cls.plan.id, 'date_range_id': cls.period.id}, **values))
        cls.a_signed = line(user_id=cls.seller_a.id, team_id=cls.team.id, target=400000)
        cls.team_signed = line(team_id=cls.team.id, target=800000)
        cls.a_collected = line(user_id=cls.seller_a.id, metric='collected_amount', target=100000)
        cls.a_invoiced = line(user_id=cls.seller_a.id, metric='invoiced_amount', target=50000)
        cls.c_collected = line(user_id=cls.seller_c.id, metric='collected_amount', target=10000)

    @classmethod
    def _day(cls, offset):
        return fields.Date.to_string(cls.today + timedelta(days=offset))

    @classmethod
    def _opportunity(cls, user, team, revenue, days):
        return cls.env['crm.lead'].create({
            'name': '测试预测商机%s' % revenue, 'type': 'opportunity', 'partner_id': cls.customer.id,
            'user_id': user.id, 'team_id': team.id, 'planned_revenue': revenue, 'date_deadline': cls._day(days)})

    def _weight(self, lead):
        """Direct computation: planned revenue times the historical rate of the lead's forecast row."""
        row = self.env['crm.forecast.report'].search([('lead_id', '=', lead.id), ('source', '=', 'opportunity')])
        self.assertEqual(len(row), 1)
        return lead.planned_revenue * row.history_rate / 100.0

    def _forecast(self, line):
        return self.env['sales.plan.forecast'].search([('line_id', '=', line.id)])

    def test_signed_forecast_weights_open_opportunities_of_the_rest_of_the_period(self):
        expected = self._weight(self.opp_big) + self._weight(self.opp_small)
        self.assertGreater(expected, 0.0)
        row = self._forecast(self.a_signed)
        self.assertEqual(row.actual, 60000.0)                # the contract signed today
        self.assertAlmostEqual(row.expected, expected, places=2)
        self.assertAlmostEqual(row.forecast, 60000.0 + expected, places=2)
        self.assertAlmostEqual(row.forecast_gap, 400000.0 - 60000.0 - expected, places=2)
        self.assertAlmostEqual(row.forecast_progress, 100.0 * (60000.0 + expected) / 400000.0, places=4)
        # the team's target counts its sub-team's opportunity too, never the other team's
        team_expected = expected + self._weight(self.opp_sub)
        self.assertAlmostEqual(self._forecast(self.team_signed).expected, team_expected, places=2)
        items = self.env['sales.plan.forecast.item'].search([('line_id', '=', self.team_signed.id)])
        self.assertEqual(items.mapped('lead_id'), self.opp_big | self.opp_sub | self.opp_small)
        self.assertEqual(items.mapped('weight'), sorted(items.mapped('weight'), reverse=True))

    def test_collected_and_invoiced_forecast_from_payment_plans(self):
        row = self._forecast(self.a_collected)
        # 10,000 collected; still due in the period: 20,000 outstanding on the delivery instalment and the
        # 10,000 acceptance instalment; the late progress instalment does not count
        self.assertEqual((row.actual, row.expected, row.forecast), (10000.0, 30000.0, 40000.0))
        self.assertEqual((row.forecast_gap, row.forecast_progress), (60000.0, 40.0))
        row = self._forecast(self.a_invoiced)
        self.assertEqual((row.actual, row.expected, row.forecast), (30000.0, 10000.0, 40000.0))
        self.assertEqual(self._forecast(self.c_collected).expected, 0.0)
        # the key collections, heaviest first, and the line's top-5 text
        action = self.a_collected.sudo(self.seller_a).action_view_key_items()
        items = self.env[action['res_model']].sudo(self.seller_a).search(action['domain'])
        self.assertEqual(items.mapped('payment_plan_id'), self.delivery | self.acceptance)
        self.assertEqual(items.mapped('weight'), [20000.0, 10000.0])
        self.assertEqual(items.mapped('kind'), ['collection', 'collection'])
        text = self.a_collected.sudo(self.seller_a).key_items_text.splitlines()
        self.assertEqual(len(text), 2)
        self.assertIn(self.contract.name, text[0])
        self.assertIn('发货款', text[0])
        self.assertIn('20,000.00', text[0])
        self.assertIn('验收款', text[1])
        self.assertEqual(self.c_collected.key_items_text, 'Nothing expected until the period ends.')

    def test_attainment_rows_open_their_key_items(self):
        attainment = self.env['sales.plan.attainment'].search([('line_id', '=', self.a_signed.id)])
        action = attainment.sudo(self.seller_a).action_view_key_items()
        items = self.env['sales.plan.forecast.item'].sudo(self.seller_a).search(action['domain'])
        self.assertEqual(items.mapped('lead_id'), self.opp_big | self.opp_small)
        self.assertEqual(items[0].lead_id, self.opp_big)
        self.assertIn(self.opp_big.name, items[0].display_name)

    def test_each_sees_own_forecast_leaders_their_teams(self):
        Item = self.env['sales.plan.forecast.item']
        Forecast = self.env['sales.plan.forecast']
        plan = [('plan_id', '=', self.plan.id)]
        self.assertEqual(Forecast.sudo(self.seller_a).search(plan).mapped('line_id'),
                         self.a_signed | self.a_collected | self.a_invoiced)
        self.assertEqual(set(Item.sudo(self.seller_a).search(plan).mapped('line_id').ids),
                         {self.a_signed.id, self.a_collected.id, self.a_invoiced.id})
        self.assertFalse(Item.sudo(self.seller_b).search(plan))
        self.assertFalse(Item.sudo(self.seller_c).search(plan))
        team_items = Item.sudo(self.seller_a).search([('line_id', '=', self.team_signed.id)])
        self.assertFalse(team_items)
        with self.assertRaises(AccessError):
            Item.search([('line_id', '=', self.team_signed.id)], limit=1).sudo(self.seller_c).read(['weight'])
        self.assertEqual(len(Item.sudo(self.lead_user).search([('line_id', '=', self.team_signed.id)])), 3)
        self.assertEqual(len(Forecast.sudo(self.director).search(plan)), 5)

    def test_attainment_excel_export_as_the_user_sees_it(self):
        rows = self.env['sales.plan.attainment'].sudo(self.seller_a).search([('plan_id', '=', self.plan.id)])
        self.assertEqual(len(rows), 3)
        content, file_type = self.env.ref('sales_team_mgmt.plan_attainment_xlsx').sudo(
            self.seller_a).render(rows.ids, {})
        self.assertEqual(file_type, 'xlsx')
        sheet = xlrd.open_workbook(file_contents=content).sheet_by_index(0)
        self.assertEqual(sheet.nrows, 4)
        header = sheet.row_values(0)
        by_target = {(sheet.cell_value(row, 1), sheet.cell_value(row, 2)): dict(zip(header, sheet.row_values(row)))
                     for row in range(1, 4)}
        collected = by_target[(self.a_collected.display_name, 'Collected Amount')]
        self.assertEqual((collected['Actual'], collected['Still Expected'], collected['Forecast']),
                         (10000.0, 30000.0, 40000.0))
        self.assertEqual(collected['Target Amount'], 100000.0)
        # another salesperson's targets cannot be exported by asking for their ids
        others = self.env['sales.plan.attainment'].search([('line_id', '=', self.c_collected.id)])
        with self.assertRaises(AccessError):
            self.env.ref('sales_team_mgmt.plan_attainment_xlsx').sudo(self.seller_a).render(others.ids, {})

    def test_product_quantity_forecast_by_month(self):
        motor = self.env['product.product'].create({'name': '测试预测电机', 'type': 'consu', 'list_price': 100})
        service = self.env['product.product'].create({'name': '测试预测调试服务', 'type': 'service'})
        dozen = self.env.ref('product.product_uom_dozen')
        order = self.env['sale.order'].create({
            'partner_id': self.customer.id, 'user_id': self.seller_a.id, 'team_id': self.team.id,
            'order_line': [
                (0, 0, {'product_id': motor.id, 'product_uom_qty': 7, 'product_uom': motor.uom_id.id,
                        'price_unit': 100, 'customer_lead': 0}),
                (0, 0, {'product_id': motor.id, 'product_uom_qty': 2, 'product_uom': dozen.id,
                        'price_unit': 1200, 'customer_lead': 0}),
                (0, 0, {'product_id': service.id, 'product_uom_qty': 5, 'product_uom': service.uom_id.id,
                        'price_unit': 100, 'customer_lead': 0})]})
        order.action_confirm()
        # a draft quotation is not demand yet
        self.env['sale.order'].create({
            'partner_id': self.customer.id, 'order_line': [(0, 0, {
                'product_id': motor.id, 'product_uom_qty': 99, 'product_uom': motor.uom_id.id, 'price_unit': 1})]})
        Interest = self.env['crm.lead.product']
        Interest.create({'lead_id': self.opp_after.id, 'product_id': motor.id, 'quantity': 10})
        Interest.create({'lead_id': self.opp_late.id, 'product_id': motor.id, 'quantity': 4})
        Forecast = self.env['sales.product.forecast'].sudo(self.lead_user)
        rows = Forecast.search([('product_id', 'in', (motor | service).ids)])
        this_month = fields.Date.to_string(self.today.replace(day=1))
        after_month = fields.Date.to_string(fields.Date.from_string(self._day(40)).replace(day=1))

        def rate(lead):
            return self.env['crm.forecast.report'].search([('lead_id', '=', lead.id),
                                                           ('source', '=', 'opportunity')]).history_rate
        # direct computation: 7 units + 2 dozen still to deliver, the late opportunity in this month, the
        # other one in its month of expected closing, each weighted by its historical rate
        expected = {this_month: 7 + 24 + 4 * rate(self.opp_late) / 100.0}
        expected[after_month] = expected.get(after_month, 0.0) + 10 * rate(self.opp_after) / 100.0
        by_month = {}
        for row in rows:
            by_month[row.month] = by_month.get(row.month, 0.0) + row.quantity
        self.assertEqual(set(by_month), set(expected))
        for month, quantity in expected.items():
            self.assertAlmostEqual(by_month[month], quantity, places=4)
        self.assertEqual(set(rows.mapped('source')), {'order', 'opportunity'})
        self.assertEqual(sorted(rows.filtered(lambda r: r.source == 'order').mapped('open_quantity')), [7.0, 24.0])
        # pivot: one figure per product and month
        groups = Forecast.read_group([('product_id', '=', motor.id)], ['quantity', 'month'], ['month:month'])
        self.assertEqual(len(groups), len(expected))
        # a salesperson does not read the supply forecast
        with self.assertRaises(AccessError):
            self.env['sales.product.forecast'].sudo(self.seller_a).search([])
