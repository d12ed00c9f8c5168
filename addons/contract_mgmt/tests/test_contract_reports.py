from collections import defaultdict
from datetime import timedelta

import xlrd

from odoo import fields

from .common import ContractCase


class TestContractReports(ContractCase):
    """The report views against the same numbers computed from the contracts, instalments and payments."""

    @classmethod
    def setUpClass(cls):
        super(TestContractReports, cls).setUpClass()
        cls.other_team = cls.env['crm.team'].create({'name': '测试华南区', 'member_ids': [(6, 0, [cls.colleague.id])]})
        cls.opportunity = cls.env['crm.lead'].create({
            'name': '测试伺服电机项目', 'type': 'opportunity', 'partner_id': cls.customer.id,
            'user_id': cls.salesperson.id, 'team_id': cls.team.id})

    def setUp(self):
        super(TestContractReports, self).setUp()
        self.env.cr.execute('SELECT CURRENT_DATE')
        self.db_today = fields.Date.from_string(self.env.cr.fetchone()[0])  # Odoo reads dates as strings
        # mine: 30,000 due 2026-01-10 paid on 2026-02-05; 50,000 due 2026-03-10 of which 20,000 paid on
        # 2026-04-15; 20,000 due 2099-06-30
        self.mine = self._signed_contract_with_plan(opportunity_id=self.opportunity.id)
        self.plans = self.mine.payment_plan_ids.sorted('sequence')
        for plan, amount, date in zip(self.plans[:2], (30000.0, 20000.0), ('2026-02-05', '2026-04-15')):
            plan.sudo(self.accountant).action_create_invoice()
            self._register_payment(plan.invoice_id, amount, date=date)
        # the colleague's, in another team, no opportunity: 10,000 overdue by 10, 45 and 75 days, 10,000 to come
        day = lambda days: fields.Date.to_string(self.db_today + timedelta(days=days))  # noqa: E731
        plans = [(0, 0, {'sequence': i, 'name': '第%s期' % i, 'amount': 10000.0, 'trigger': 'date',
                         'due_date': day(days)}) for i, days in enumerate((-10, -45, -75, 30), 1)]
        self.theirs = self._signed_contract_with_plan(plans=plans, user=self.colleague, team_id=self.other_team.id,
                                                      amount_total=40000.0)
        # the direct computation reads everything
        self.mine, self.theirs = self.mine.sudo(), self.theirs.sudo()
        self.contracts = self.mine | self.theirs

    def _rows(self, model, user, fields_list):
        return self.env[model].sudo(user).search_read([('contract_id', 'in', self.contracts.ids)], fields_list)

    def test_contract_amount_by_month_team_salesperson(self):
        groups = self.env['sale.contract.amount.report'].sudo(self.manager).read_group(
            [('contract_id', 'in', self.contracts.ids), ('is_signed', '=', True)],
            ['user_id', 'team_id', 'date', 'amount_total', 'contract_count'], ['user_id', 'team_id', 'date:month'],
            lazy=False)
        found = {(g['user_id'][0], g['team_id'][0]): (g['amount_total'], g['contract_count']) for g in groups}
        self.assertEqual(found, {
            (c.user_id.id, c.team_id.id): (c.amount_total, 1) for c in self.contracts})
        self.assertEqual(len({g['date:month'] for g in groups}), 1, 'both signed this month')
        # each sees the contracts he may read
        see = lambda user: {r['contract_id'][0] for r in self._rows(  # noqa: E731
            'sale.contract.amount.report', user, ['contract_id'])}
        self.assertEqual(see(self.salesperson), set(self.mine.ids))
        self.assertEqual(see(self.colleague), set(self.theirs.ids))
        self.assertEqual(see(self.team_lead), set(self.mine.ids), 'the other team is not his')
        self.assertEqual(see(self.accountant), set(self.contracts.ids))

    def test_planned_vs_collected_by_month_and_rate(self):
        planned, collected = defaultdict(float), defaultdict(float)
        for plan in self.mine.payment_plan_ids:
            planned[plan.due_date[:7]] += plan.amount
            for payment in plan.invoice_id._get_payments_vals() if plan.invoice_id else []:
                collected[payment['date'][:7]] += payment['amount']
        self.assertEqual(dict(collected), {'2026-02': 30000.0, '2026-04': 20000.0})
        rows = self.env['sale.contract.collection.report'].sudo(self.accountant).search_read(
            [('contract_id', '=', self.mine.id)], ['kind', 'date', 'planned_amount', 'collected_amount'])
        found_planned, found_collected = defaultdict(float), defaultdict(float)
        for row in rows:
            found_planned[row['date'][:7]] += row['planned_amount']
            found_collected[row['date'][:7]] += row['collected_amount']
        self.assertEqual({k: v for k, v in found_planned.items() if v}, dict(planned))
        self.assertEqual({k: v for k, v in found_collected.items() if v}, dict(collected))
        self.assertEqual(sum(found_collected.values()), self.mine.amount_collected)
        # the rate of a group is its collected over its planned, whatever the grouping
        total = self.env['sale.contract.collection.report'].sudo(self.accountant).read_group(
            [('contract_id', '=', self.mine.id)], ['collection_rate'], [])
        self.assertEqual((total[0]['planned_amount'], total[0]['collected_amount']), (100000.0, 50000.0))
        self.assertAlmostEqual(total[0]['collection_rate'], 50.0)
        by_plan = self.env['sale.contract.collection.report'].sudo(self.accountant).read_group(
            [('contract_id', '=', self.mine.id)],
            ['payment_plan_id', 'planned_amount', 'collected_amount', 'collection_rate'], ['payment_plan_id'])
        rates = {g['payment_plan_id'][0]: g['collection_rate'] for g in by_plan}
        self.assertEqual([round(rates[plan.id], 1) for plan in self.plans], [100.0, 40.0, 0.0])
        # the salesperson gets his own rows only
        self.assertEqual({r['contract_id'][0] for r in self._rows(
            'sale.contract.collection.report', self.salesperson, ['contract_id'])}, set(self.mine.ids))

    def test_ageing_of_overdue_instalments(self):
        expected = {}
        for plan in self.contracts.mapped('payment_plan_ids'):
            due = fields.Date.from_string(plan.due_date)
            if plan.payment_state != 'paid' and due < self.db_today:
                days = (self.db_today - due).days
                bucket = '1_30' if days <= 30 else '31_60' if days <= 60 else '61_90' if days <= 90 else 'over_90'
                expected[plan.id] = (bucket, days, plan.amount_residual)
        self.assertEqual(sorted(b for b, _d, _a in expected.values()), ['1_30', '31_60', '61_90', 'over_90'])
        self.assertEqual(expected[self.plans[1].id][2], 30000.0, '50,000 less 20,000 paid')
        rows = self._rows('sale.payment.plan.ageing.report', self.accountant,
                          ['payment_plan_id', 'bucket', 'days_overdue', 'amount_residual', 'amount_1_30',
                           'amount_31_60', 'amount_61_90', 'amount_over_90'])
        self.assertEqual({r['payment_plan_id'][0]: (r['bucket'], r['days_overdue'], r['amount_residual'])
                          for r in rows}, expected)
        for row in rows:
            self.assertEqual(row['amount_' + row['bucket']], row['amount_residual'])
        by_user = self.env['sale.payment.plan.ageing.report'].sudo(self.manager).read_group(
            [('contract_id', 'in', self.contracts.ids)],
            ['user_id', 'amount_residual', 'amount_over_90', 'amount_1_30'], ['user_id'])
        totals = {g['user_id'][0]: (g['amount_residual'], g['amount_over_90'], g['amount_1_30']) for g in by_user}
        self.assertEqual(totals, {self.salesperson.id: (30000.0, 30000.0, 0.0),
                                  self.colleague.id: (30000.0, 0.0, 10000.0)})
        self.assertEqual({r['contract_id'][0] for r in self._rows(
            'sale.payment.plan.ageing.report', self.colleague, ['contract_id'])}, set(self.theirs.ids))

    def test_payment_plans_in_the_sales_forecast(self):
        Forecast = self.env['crm.forecast.report']
        self.assertIn('payment_plan', dict(Forecast._fields['source']._description_selection(self.env)))
        ids = [plan.id * 10 + 3 for plan in self.contracts.mapped('payment_plan_ids')]
        rows = Forecast.sudo(self.manager).search_read([('id', 'in', ids)], [
            'source', 'lead_id', 'date', 'user_id', 'amount', 'weighted_stage_amount', 'weighted_history_amount',
            'stage_id'])
        expected = {plan.id * 10 + 3: (plan.due_date, plan.amount_residual)
                    for plan in self.contracts.mapped('payment_plan_ids') if plan.payment_state != 'paid'}
        self.assertEqual({r['id']: (r['date'], r['amount']) for r in rows}, expected)
        self.assertNotIn(self.plans[0].id * 10 + 3, expected, 'paid: nothing more to come')
        for row in rows:
            self.assertEqual(row['source'], 'payment_plan')
            self.assertEqual(row['weighted_stage_amount'], row['amount'])
            self.assertEqual(row['weighted_history_amount'], row['amount'])
            self.assertFalse(row['stage_id'])
        mine = [r for r in rows if r['user_id'][0] == self.salesperson.id]
        self.assertEqual({r['lead_id'][0] for r in mine}, set(self.opportunity.ids))
        # as the opportunity: its salesperson sees them, a colleague does not
        self.assertEqual(set(Forecast.sudo(self.salesperson).search([('id', 'in', ids)]).ids),
                         {r['id'] for r in mine})
        self.assertFalse(Forecast.sudo(self.colleague).search([('id', 'in', [r['id'] for r in mine])]))

    def test_excel_workbook_as_the_user(self):
        def workbook(user):
            wizard = self.env['sale.contract.report.wizard'].sudo(user).create({
                'date_from': '2026-01-01', 'date_to': '2099-12-31'})
            content, file_type = self.env.ref('contract_mgmt.sale_contract_report_xlsx').sudo(user).render(
                wizard.ids)
            self.assertEqual(file_type, 'xlsx')
            self.assertTrue(content.startswith(b'PK'))
            book = xlrd.open_workbook(file_contents=content)
            return {sheet.name: [cell.value for row in range(sheet.nrows) for cell in sheet.row(row)]
                    for sheet in book.sheets()}
        sheets = workbook(self.manager)
        self.assertEqual(sorted(sheets), sorted(['Contract Amounts', 'Planned vs Collected', 'Overdue Ageing']))
        self.assertIn(self.salesperson.name, sheets['Contract Amounts'])
        self.assertIn(self.colleague.name, sheets['Overdue Ageing'])
        own = workbook(self.salesperson)
        self.assertIn(self.salesperson.name, own['Contract Amounts'])
        self.assertNotIn(self.colleague.name, own['Contract Amounts'] + own['Overdue Ageing'])
        self.assertIn(30000.0, own['Overdue Ageing'], 'his overdue 进度款')

    def test_forecast_view_rebuilt_without_payment_plans_on_uninstall(self):
        """Uninstalling contract_mgmt first rebuilds the forecast view without the instalments, so that
        dropping their table does not drop sales_funnel's view with it."""
        Forecast = self.env['crm.forecast.report']
        self.assertTrue(Forecast.search([('source', '=', 'payment_plan')]))
        Forecast.with_context(forecast_without_payment_plans=True).init()
        self.env.cr.execute("SELECT count(*) FROM pg_depend d JOIN pg_rewrite r ON r.oid = d.objid "
                            "WHERE r.ev_class = 'crm_forecast_report'::regclass "
                            "AND d.refobjid = 'sale_payment_plan'::regclass")
        self.assertEqual(self.env.cr.fetchone()[0], 0)
        self.assertFalse(Forecast.search([('source', '=', 'payment_plan')]))
        self.assertTrue(Forecast.search([('source', '=', 'opportunity')]), 'the opportunities stay')
        Forecast.init()
        self.assertTrue(Forecast.search([('source', '=', 'payment_plan')]))
