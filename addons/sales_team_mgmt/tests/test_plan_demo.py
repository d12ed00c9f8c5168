from odoo import fields
from odoo.tests.common import SavepointCase


class TestPlanDemo(SavepointCase):
    """The demo's monthly plan of 华东区: split to people and months, in execution, in the directory."""

    def setUp(self):
        super(TestPlanDemo, self).setUp()
        self.plan = self.env.ref('sales_team_mgmt.sales_plan_2026_east_monthly', raise_if_not_found=False)
        if not self.plan:
            self.skipTest('demo data not installed')

    def test_demo_plan_split_to_months_and_people(self):
        self.assertEqual(self.plan.state, 'executing')
        self.assertEqual(self.plan.approver_id, self.env.ref('crm_lifecycle.user_director'))
        sales = self.env.ref('crm_lifecycle.user_salesperson_east')
        person = self.env.ref('sales_team_mgmt.sales_plan_2026_east_monthly_sales')
        self.assertEqual(len(person.child_ids), 12)
        self.assertEqual(sum(person.child_ids.mapped('target')), 3000000.0)
        self.assertEqual(person.child_ids[0].target, 180000.0)  # 3,000,000 × 6 %
        self.assertEqual(person.child_ids.mapped('user_id'), sales)
        self.assertEqual(len(self.env['sales.plan.attainment'].search([('plan_id', '=', self.plan.id)])), 27)
        # The directory counts the person's yearly target once, not again with its months.
        staff = self.env['sales.staff'].search([('user_id', '=', sales.id)])
        in_force_this_year = fields.Date.from_string(fields.Date.context_today(self.plan)).year == 2026
        self.assertEqual(staff.signed_target, 3000000.0 if in_force_this_year else 0.0)
