from odoo.exceptions import ValidationError
from odoo.tests.common import SavepointCase


class TestOpportunityRules(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesperson = cls.env['res.users'].with_context(no_reset_password=True).create({
            'name': '测试销售员', 'login': 'test_funnel_rules', 'email': 'funnel.rules@example.cn',
            'groups_id': [(6, 0, [cls.env.ref('sales_team.group_sale_salesman').id])]})
        cls.Lead = cls.env['crm.lead'].sudo(cls.salesperson)

    def test_key_project_needs_expected_revenue(self):
        with self.assertRaisesRegex(ValidationError, '重点项目甲'), self.cr.savepoint():
            self.Lead.create({'name': '重点项目甲', 'type': 'opportunity', 'is_key_project': True})
        opportunity = self.Lead.create({'name': '重点项目乙', 'type': 'opportunity', 'planned_revenue': 0})
        with self.assertRaises(ValidationError), self.cr.savepoint():
            opportunity.write({'is_key_project': True})
        self.assertFalse(opportunity.is_key_project)
        opportunity.write({'is_key_project': True, 'planned_revenue': 200000})
        self.assertTrue(opportunity.is_key_project)
        self.assertIn(opportunity, self.Lead.search([('is_key_project', '=', True)]))

    def test_budget_cannot_be_negative(self):
        opportunity = self.Lead.create({'name': '预算项目', 'type': 'opportunity', 'budget_amount': 80000})
        with self.assertRaises(ValidationError), self.cr.savepoint():
            opportunity.write({'budget_amount': -1})
        self.assertEqual(opportunity.budget_amount, 80000)
