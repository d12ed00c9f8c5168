from odoo.addons.crm_lifecycle.tests.common import create_user
from odoo.exceptions import AccessError, UserError
from odoo.tests.common import SavepointCase

from .common import register_payment


class CommissionCase(SavepointCase):
    """A team with a lead and two salespeople, a 3 % / 5 % (from 100 % of target) rule, invoices paid by
    the accountant."""

    @classmethod
    def setUpClass(cls):
        super(CommissionCase, cls).setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang='en_US', tracking_disable=True))
        cls.salesperson = create_user(cls.env, 'test_com_sales', '测试销售员', ['sales_team.group_sale_salesman'])
        cls.colleague = create_user(cls.env, 'test_com_sales2', '测试同事', ['sales_team.group_sale_salesman'])
        cls.outsider = create_user(cls.env, 'test_com_sales3', '测试外组销售', ['sales_team.group_sale_salesman'])
        cls.team_lead = create_user(cls.env, 'test_com_lead', '测试主管',
                                    ['sales_team.group_sale_salesman_all_leads'])
        cls.manager = create_user(cls.env, 'test_com_manager', '测试总监', ['sales_team.group_sale_manager'])
        cls.accountant = create_user(cls.env, 'test_com_accountant', '测试会计', ['account.group_account_invoice'])
        cls.team = cls.env['crm.team'].create({
            'name': '测试提成华东区', 'user_id': cls.team_lead.id,
            'member_ids': [(6, 0, [cls.salesperson.id, cls.colleague.id])]})
        cls.other_team = cls.env['crm.team'].create({'name': '测试提成华南区', 'member_ids': [(6, 0, [cls.outsider.id])]})
        cls.customer = cls.env['res.partner'].create({'name': '测试提成客户有限公司', 'is_company': True,
                                                      'customer': True})
        cls.category = cls.env['product.category'].create({'name': '测试伺服系统'})
        cls.product = cls.env['product.product'].create({
            'name': '测试伺服电机', 'type': 'consu', 'list_price': 100.0, 'standard_price': 60.0,
            'categ_id': cls.category.id, 'taxes_id': [(6, 0, [])]})
        cls.account = cls.env['account.account'].search([
            ('user_type_id', '=', cls.env.ref('account.data_account_type_revenue').id),
            ('company_id', '=', cls.env.user.company_id.id)], limit=1)
        # the tests own the company's rules: others (demo) would add lines of their own
        cls.env['sales.commission.rule'].search([]).write({'active': False})
        cls.rule = cls.env['sales.commission.rule'].sudo(cls.manager).create({
            'name': '测试回款提成', 'applies_to': 'team', 'team_id': cls.team.id, 'base': 'collected', 'rate': 2.0,
            'date_from': '2026-01-01', 'date_to': '2026-12-31',
            'tier_ids': [(0, 0, {'from_attainment': 0.0, 'rate': 3.0}),
                         (0, 0, {'from_attainment': 100.0, 'rate': 5.0})]})
        cls.env['sales.commission.target'].sudo(cls.manager).create({
            'user_id': cls.salesperson.id, 'date_from': '2026-11-01', 'date_to': '2026-11-30', 'target': 100000.0})

    def _invoice(self, amount, user=None, type='out_invoice', date='2026-11-10'):
        invoice = self.env['account.invoice'].create({
            'partner_id': self.customer.id, 'type': type, 'user_id': (user or self.salesperson).id,
            'team_id': (user or self.salesperson).sale_team_id.id, 'date_invoice': date,
            'invoice_line_ids': [(0, 0, {'product_id': self.product.id, 'name': '测试伺服电机',
                                         'quantity': amount / 100.0, 'price_unit': 100.0,
                                         'account_id': self.account.id})]})
        invoice.action_invoice_open()
        return invoice

    def _pay(self, invoice, amount, date='2026-11-20'):
        return register_payment(invoice.sudo(self.accountant), amount, date)

    def _lines(self, user=None):
        return self.env['sales.commission.line'].search([('user_id', '=', (user or self.salesperson).id)])

    def _statement(self, user=None):
        statement = self.env['sales.commission.statement'].sudo(self.manager).create({
            'user_id': (user or self.salesperson).id, 'team_id': self.team.id,
            'date_from': '2026-11-01', 'date_to': '2026-11-30'})
        statement.action_compute()
        return statement


class TestCommission(CommissionCase):

    def test_tiers_are_marginal(self):
        self.assertAlmostEqual(self.rule._commission(120000.0, 100000.0)[0], 3000.0 + 1000.0)
        self.assertAlmostEqual(self.rule._commission(80000.0, 100000.0)[0], 2400.0)
        # no target for the period: the rule's own rate on everything
        self.assertAlmostEqual(self.rule._commission(80000.0, 0.0)[0], 1600.0)

    def test_collection_gives_one_line_per_payment_and_invoice(self):
        invoice = self._invoice(120000.0)
        self._pay(invoice, 70000.0)
        self._pay(invoice, 50000.0)
        lines = self._lines()
        self.assertEqual(sorted(lines.mapped('collected_amount')), [50000.0, 70000.0])
        self.assertEqual(lines.mapped('team_id'), self.team)
        statement = self._statement()
        self.assertEqual(statement.period_line_ids, lines)
        self.assertAlmostEqual(statement.base_amount, 120000.0)
        self.assertAlmostEqual(statement.attainment, 120.0)
        self.assertAlmostEqual(statement.commission_amount, 4000.0)
        self.assertIn('1000.00', statement.tier_summary)
        self.assertAlmostEqual(statement.pending_amount, 4000.0)

    def test_recompute_is_idempotent(self):
        invoice = self._invoice(50000.0)
        self._pay(invoice, 50000.0)
        refund = self._invoice(10000.0, type='out_refund', date='2026-11-25')
        Line = self.env['sales.commission.line']
        before = self._lines()
        self.assertEqual(len(before), 2)
        self.assertEqual(Line.compute_period('2026-11-01', '2026-11-30'), 0)
        self.assertEqual(Line.compute_period('2026-11-01', '2026-11-30'), 0)
        self.assertEqual(self._lines(), before)
        # a line lost (e.g. the rule was created after the payment) comes back once
        before.filtered(lambda l: l.invoice_id == refund).unlink()
        self.assertEqual(Line.compute_period('2026-11-01', '2026-11-30'), 1)
        self.assertEqual(Line.compute_period('2026-11-01', '2026-11-30'), 0)
        self.assertEqual(len(self._lines()), 2)

    def test_credit_note_takes_commission_back(self):
        invoice = self._invoice(120000.0)
        self._pay(invoice, 120000.0)
        self._invoice(20000.0, type='out_refund', date='2026-11-25')
        refund_line = self._lines().filtered(lambda l: l.collected_amount < 0)
        self.assertAlmostEqual(refund_line.base_amount, -20000.0)
        statement = self._statement()
        self.assertAlmostEqual(statement.base_amount, 100000.0)
        self.assertAlmostEqual(statement.commission_amount, 3000.0)

    def test_margin_base_and_category(self):
        self.rule.write({'base': 'margin'})
        other_category = self.env['product.category'].create({'name': '测试其他类'})
        self.env['sales.commission.rule'].create({
            'name': '测试其他类提成', 'applies_to': 'all', 'categ_id': other_category.id, 'rate': 1.0})
        invoice = self._invoice(10000.0)
        self._pay(invoice, 10000.0)
        lines = self._lines()
        # margin: (100 - 60) / 100 of what is collected; the other category's rule has nothing to pay on
        self.assertAlmostEqual(lines.filtered(lambda l: l.rule_id == self.rule).base_amount, 4000.0)
        self.assertAlmostEqual(sum((lines - lines.filtered(lambda l: l.rule_id == self.rule)).mapped(
            'base_amount')), 0.0)

    def test_other_team_and_no_salesperson_earn_nothing_from_the_team_rule(self):
        self._pay(self._invoice(10000.0, user=self.outsider), 10000.0)
        self.assertFalse(self._lines(self.outsider))

    def test_statement_workflow(self):
        self._pay(self._invoice(10000.0), 10000.0)
        statement = self._statement()
        with self.assertRaises(UserError), self.cr.savepoint():
            statement.sudo(self.team_lead).action_approve()
        with self.assertRaises(UserError), self.cr.savepoint():
            statement.sudo(self.accountant).write({'state': 'paid'})
        with self.assertRaises(UserError), self.cr.savepoint():
            statement.sudo(self.accountant).action_mark_paid()
        self.assertEqual(statement.state, 'draft')
        statement.sudo(self.manager).action_approve()
        self.assertEqual(statement.state, 'approved')
        with self.assertRaises(UserError), self.cr.savepoint():
            statement.sudo(self.manager).write({'date_to': '2026-11-29'})
        with self.assertRaises(UserError), self.cr.savepoint():
            statement.sudo(self.manager).action_mark_paid()
        statement.sudo(self.accountant).action_mark_paid()
        self.assertEqual(statement.state, 'paid')
        self.assertAlmostEqual(statement.paid_amount, 300.0)
        self.assertAlmostEqual(statement.pending_amount, 0.0)
        with self.assertRaises(UserError), self.cr.savepoint():
            statement.sudo(self.manager).unlink()
        # accounting exports what it pays
        content, file_type = self.env.ref('sales_team_mgmt.commission_statement_xlsx').sudo(
            self.accountant).render(statement.ids, {})
        self.assertEqual(file_type, 'xlsx')
        self.assertTrue(content.startswith(b'PK'))

    def test_approval_keeps_its_lines_and_no_line_is_paid_twice(self):
        invoice = self._invoice(120000.0)
        self._pay(invoice, 70000.0)
        statement = self._statement()
        statement.sudo(self.manager).action_approve()
        self.assertEqual(statement.line_ids, self._lines())
        self.assertAlmostEqual(statement.base_amount, 70000.0)
        # collected later in the period: the approved statement stays as approved
        self._pay(invoice, 50000.0)
        self.assertAlmostEqual(statement.base_amount, 70000.0)
        self.assertEqual(len(statement.period_line_ids), 1)
        # a statement over the whole quarter counts only the line no statement holds yet
        quarter = self.env['sales.commission.statement'].sudo(self.manager).create({
            'user_id': self.salesperson.id, 'team_id': self.team.id,
            'date_from': '2026-10-01', 'date_to': '2026-12-31'})
        quarter.action_compute()
        self.assertAlmostEqual(quarter.base_amount, 50000.0)
        # back to draft, the November statement counts both lines again, until approved
        statement.sudo(self.manager).action_reset_draft()
        self.assertFalse(statement.line_ids)
        self.assertAlmostEqual(statement.base_amount, 120000.0)

    def test_access(self):
        self._pay(self._invoice(10000.0), 10000.0)
        self._pay(self._invoice(20000.0, user=self.colleague), 20000.0)
        mine = self._statement()
        colleague_statement = self._statement(self.colleague)
        Statement = self.env['sales.commission.statement']
        Line = self.env['sales.commission.line']
        domain = [('id', 'in', (mine | colleague_statement).ids)]
        self.assertEqual(Statement.sudo(self.salesperson).search(domain), mine)
        self.assertEqual(Line.sudo(self.salesperson).search([]), self._lines())
        self.assertEqual(Statement.sudo(self.outsider).search(domain), Statement)
        self.assertEqual(Statement.sudo(self.team_lead).search(domain), mine | colleague_statement)
        self.assertEqual(Statement.sudo(self.accountant).search(domain), mine | colleague_statement)
        team_users = [self.salesperson.id, self.colleague.id]
        self.assertEqual(len(Line.sudo(self.team_lead).search([('user_id', 'in', team_users)])), 2)
        with self.assertRaises(AccessError), self.cr.savepoint():
            colleague_statement.sudo(self.salesperson).read(['commission_amount'])
        with self.assertRaises(AccessError), self.cr.savepoint():
            mine.sudo(self.salesperson).unlink()
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.env['sales.commission.rule'].sudo(self.team_lead).create({'name': '测试越权', 'rate': 50.0})
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.env['sales.commission.line'].sudo(self.manager).search([]).write({'base_amount': 1.0})
        with self.assertRaises(AccessError), self.cr.savepoint():
            Statement.sudo(self.accountant).create({'user_id': self.salesperson.id, 'date_from': '2026-10-01',
                                                    'date_to': '2026-10-31'})
