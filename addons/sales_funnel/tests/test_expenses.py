from odoo.exceptions import AccessError, ValidationError

from .common import FunnelCase


class TestExpenses(FunnelCase):
    """Sales expenses of an opportunity: positive amounts, their total against the budget, access as the
    opportunity."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Type = cls.env['crm.lead.expense.type']
        cls.travel = Type.create({'name': '测试差旅费'})
        cls.entertainment = Type.create({'name': '测试招待费'})

    def setUp(self):
        super().setUp()
        self.lead = self._opportunity(self.sales_east, self.type_upsell, name='测试费用 自动化改造',
                                      budget_amount=10000)

    def _expense(self, amount, user=None, expense_type=None, lead=None):
        return self.env['crm.lead.expense'].sudo(user or self.sales_east).create({
            'lead_id': (lead or self.lead).id, 'expense_type_id': (expense_type or self.travel).id,
            'amount': amount, 'description': '南京高铁往返'})

    def test_amount_must_be_positive(self):
        for amount in (0, -50):
            with self.assertRaises(ValidationError), self.cr.savepoint():
                self._expense(amount)
        expense = self._expense(300)
        with self.assertRaises(ValidationError), self.cr.savepoint():
            expense.write({'amount': 0})
        self.assertEqual(expense.amount, 300)
        self.assertEqual(expense.user_id, self.sales_east)
        self.assertEqual(expense.company_id, self.lead.company_id)
        self.assertEqual(expense.currency_id, self.lead.company_currency)

    def test_totals_against_the_budget(self):
        lead = self.lead.sudo(self.sales_east)
        self.assertEqual((lead.expense_total, lead.budget_remaining), (0, 10000))
        self._expense(3000)
        dinner = self._expense(4500, expense_type=self.entertainment)
        self.assertEqual((lead.expense_total, lead.budget_remaining), (7500, 2500))
        self.assertFalse(lead.expense_over_budget)
        self.assertEqual(lead.expense_count, 2)

        self._expense(4000)
        self.assertEqual((lead.expense_total, lead.budget_remaining), (11500, -1500))
        self.assertTrue(lead.expense_over_budget, 'the form warns')

        dinner.write({'amount': 500})
        self.assertEqual(lead.expense_total, 7500)
        self.assertFalse(lead.expense_over_budget)
        dinner.unlink()
        self.assertEqual(lead.expense_total, 7000)
        lead.write({'budget_amount': 0})
        self.assertEqual(lead.budget_remaining, -7000)
        self.assertFalse(lead.expense_over_budget, 'without a budget there is nothing to exceed')
        self.assertEqual(self.env['crm.lead'].search([('id', '=', lead.id), ('expense_total', '=', 7000)]), lead,
                         'stored, for the analytics')

    def test_expenses_are_seen_as_their_opportunity(self):
        expense = self._expense(800)
        Expense = self.env['crm.lead.expense']
        self.assertEqual(Expense.sudo(self.team_lead).search([('lead_id', '=', self.lead.id)]), expense)
        self.assertFalse(Expense.sudo(self.sales_east2).search([('lead_id', '=', self.lead.id)]))
        with self.assertRaises(AccessError):
            expense.sudo(self.sales_east2).read(['amount'])
        with self.assertRaises(AccessError), self.cr.savepoint():
            self._expense(100, user=self.sales_east2)
        self.assertEqual(self.lead.expense_total, 800)

    def test_expense_types_are_kept_by_the_manager(self):
        Type = self.env['crm.lead.expense.type']
        self.assertIn(self.travel, Type.sudo(self.sales_east).search([]))
        with self.assertRaises(AccessError), self.cr.savepoint():
            Type.sudo(self.sales_east).create({'name': '测试样品费'})
        Type.sudo(self.manager).create({'name': '测试投标费'})
