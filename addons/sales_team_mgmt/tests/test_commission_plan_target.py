from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests.common import SavepointCase

from odoo.addons.sales_team_mgmt.models import sales_commission_line

from .test_commission import CommissionCase


class TestCommissionPlanTarget(CommissionCase):
    """Tiers by attainment against the sales plan's collected-amount target when the plans in force give
    one for the statement period; the stand-in commission target otherwise."""

    def _issued_plan(self, yearly_target, user=None):
        plan = self.env['sales.plan'].sudo(self.team_lead).create({'name': '测试提成计划', 'year': 2026})
        line = self.env['sales.plan.line'].sudo(self.team_lead).create({
            'plan_id': plan.id, 'user_id': (user or self.salesperson).id, 'metric': 'collected_amount',
            'target': yearly_target})
        months = line.split_over_periods('month')
        plan.sudo(self.team_lead).action_submit()
        plan.sudo(self.manager).action_approve()
        plan.sudo(self.manager).action_issue()
        return plan, line, months

    def test_tiers_use_the_plan_target_of_the_period(self):
        self._pay(self._invoice(60000.0), 60000.0)
        # 600,000 a year, 50,000 in November: 60,000 collected is 120 % of it
        plan, _line, months = self._issued_plan(600000.0)
        self.assertEqual(months[10].target, 50000.0)
        statement = self._statement()
        self.assertEqual(statement.target_amount, 50000.0)        # not the stand-in 100,000
        self.assertAlmostEqual(statement.attainment, 120.0)
        self.assertAlmostEqual(statement.commission_amount, 50000.0 * 0.03 + 10000.0 * 0.05)
        # the year: the yearly target once, not again with its months
        year = self.env['sales.commission.statement'].sudo(self.manager).create({
            'user_id': self.salesperson.id, 'team_id': self.team.id,
            'date_from': '2026-01-01', 'date_to': '2026-12-31'})
        year.action_compute()
        self.assertEqual(year.target_amount, 600000.0)

    def test_plans_not_in_force_leave_the_stand_in_target(self):
        self._pay(self._invoice(60000.0), 60000.0)
        draft = self.env['sales.plan'].sudo(self.team_lead).create({'name': '测试提成草稿计划', 'year': 2026})
        self.env['sales.plan.line'].sudo(self.team_lead).create({
            'plan_id': draft.id, 'user_id': self.salesperson.id, 'metric': 'collected_amount',
            'target': 10.0}).split_over_periods('month')
        # a colleague's collection target is not his
        self._issued_plan(1200.0, user=self.colleague)
        statement = self._statement()
        self.assertEqual(statement.target_amount, 100000.0)
        self.assertAlmostEqual(statement.commission_amount, 60000.0 * 0.03)


class TestCommissionCron(CommissionCase):

    def test_cron_in_batches_rerun_gives_the_same_lines(self):
        self.rule.date_to = False
        day = fields.Date.to_string(fields.Date.from_string(fields.Date.context_today(self.rule)) - timedelta(days=3))
        invoices = [self._invoice(amount, date=day) for amount in (10000.0, 20000.0, 30000.0)]
        for invoice in invoices:
            self._pay(invoice, invoice.amount_total, date=day)
        refund = self._invoice(5000.0, type='out_refund', date=day)
        Line = self.env['sales.commission.line']
        hooked = {(line.source_key, line.base_amount) for line in self._lines()}
        self.assertEqual(len(hooked), 4)
        # the hooks could not run (e.g. rule created later): the cron catches up, three payments a batch of one
        self._lines().unlink()
        commits = []

        def counting_commit(env):
            commits.append(env)
        with patch.object(sales_commission_line, 'BATCH_SIZE', 1), \
                patch.object(sales_commission_line, 'commit_batch', counting_commit):
            Line._cron_compute_recent()
            first = {(line.source_key, line.base_amount) for line in self._lines()}
            Line._cron_compute_recent()
        second = {(line.source_key, line.base_amount) for line in self._lines()}
        self.assertEqual(first, hooked)
        self.assertEqual(second, hooked)
        self.assertEqual(len(self._lines()), 4)
        self.assertGreaterEqual(len(commits), 2 * (3 + 1))   # a commit after each batch, on each run
        self.assertIn(('ref-%d-rule-%d' % (refund.id, self.rule.id), -5000.0), second)


class TestCommissionMultiCompany(CommissionCase):

    @classmethod
    def setUpClass(cls):
        super(TestCommissionMultiCompany, cls).setUpClass()
        cls.company_b = cls.env['res.company'].create({'name': '测试提成乙公司'})
        cls.rule_b = cls.env['sales.commission.rule'].create({
            'name': '测试乙公司提成', 'company_id': cls.company_b.id, 'applies_to': 'all', 'rate': 10.0})

    def test_other_company_rules_and_lines_stay_apart(self):
        self._pay(self._invoice(10000.0), 10000.0)
        lines = self._lines()
        self.assertEqual(lines.mapped('rule_id'), self.rule)
        self.assertEqual(lines.mapped('company_id'), self.env.user.company_id)
        # a line of company B (even the same salesperson's) is read by nobody of company A
        line_b = self.env['sales.commission.line']._insert_lines([{
            'source_key': 'test-company-b', 'company_id': self.company_b.id, 'user_id': self.salesperson.id,
            'rule_id': self.rule_b.id, 'date': '2026-11-20', 'collected_amount': 1000.0, 'base_amount': 1000.0}])
        self.assertTrue(line_b)
        for user in (self.salesperson, self.team_lead, self.manager, self.accountant):
            Line = self.env['sales.commission.line'].sudo(user)
            self.assertFalse(Line.search([('company_id', '=', self.company_b.id)]))
            self.assertNotIn(line_b, Line.search([]))
            with self.assertRaises(AccessError), self.cr.savepoint():
                line_b.sudo(user).read(['base_amount'])
        self.assertFalse(self.env['sales.commission.rule'].sudo(self.manager).search(
            [('id', '=', self.rule_b.id)]))
        # B's statement of the salesperson does not take A's lines
        statement_b = self.env['sales.commission.statement'].create({
            'user_id': self.salesperson.id, 'company_id': self.company_b.id,
            'date_from': '2026-11-01', 'date_to': '2026-11-30'})
        statement_b.action_compute()
        self.assertEqual(statement_b.period_line_ids, line_b)


class TestCommissionDemo(SavepointCase):
    """The demo collections have their commission lines, and 华东区's salesperson a computed statement."""

    def test_demo_commission_lines_and_statement(self):
        statement = self.env.ref('sales_team_mgmt.commission_statement_east_recent', raise_if_not_found=False)
        if not statement:
            self.skipTest('installed without demo data')
        rule = self.env.ref('sales_team_mgmt.commission_rule_all_collected')
        payments = self.env['account.payment'].search([
            ('payment_type', '=', 'inbound'), ('partner_type', '=', 'customer'),
            ('state', 'in', ('posted', 'reconciled')), ('invoice_ids.user_id', '!=', False)])
        self.assertTrue(payments)
        lines = self.env['sales.commission.line'].search([('rule_id', '=', rule.id)])
        self.assertEqual(set(lines.mapped('payment_id').ids), set(payments.ids))
        # direct computation: what each payment reconciled with customer invoices of a salesperson
        self.env.cr.execute("""
            SELECT payment_line.payment_id, i.id, SUM(apr.amount)
              FROM account_partial_reconcile apr
              JOIN account_move_line invoice_line ON invoice_line.id = apr.debit_move_id
              JOIN account_invoice i ON i.id = invoice_line.invoice_id AND i.type = 'out_invoice'
                                     AND i.user_id IS NOT NULL
              JOIN account_move_line payment_line ON payment_line.id = apr.credit_move_id
             WHERE payment_line.payment_id IN %s
             GROUP BY payment_line.payment_id, i.id""", [tuple(payments.ids)])
        expected = {(payment_id, invoice_id): round(amount, 2)
                    for payment_id, invoice_id, amount in self.env.cr.fetchall()}
        found = {}
        for line in lines.filtered('payment_id'):
            key = (line.payment_id.id, line.invoice_id.id)
            found[key] = round(found.get(key, 0.0) + line.collected_amount, 2)
        self.assertEqual(found, expected)
        # the demo credit notes (returns) take their commission back
        refunds = self.env['account.invoice'].search([('type', '=', 'out_refund'), ('user_id', '!=', False),
                                                      ('state', 'in', ('open', 'paid'))])
        self.assertEqual({line.invoice_id.id: line.collected_amount for line in lines - lines.filtered('payment_id')},
                         {refund.id: -refund.amount_total for refund in refunds})
        self.assertEqual(statement.target_amount, 100000.0)
        own = lines.filtered(lambda l: l.user_id == statement.user_id and
                             statement.date_from <= l.date <= statement.date_to)
        self.assertEqual(statement.period_line_ids, own)
        self.assertAlmostEqual(statement.base_amount, sum(own.mapped('base_amount')), places=2)
