from odoo.addons.crm_lifecycle.tests.common import create_user
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests.common import SavepointCase


class TestSalesPlan(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super(TestSalesPlan, cls).setUpClass()
        # Messages are asserted in English whatever the database's users speak.
        cls.env = cls.env(context=dict(cls.env.context, lang='en_US'))
        # Users of the main company only (the default for users the administrator creates).
        cls.salesperson = create_user(cls.env, 'test_plan_sales', '测试销售员', ['sales_team.group_sale_salesman'])
        cls.team_lead = create_user(cls.env, 'test_plan_lead', '测试主管', ['sales_team.group_sale_salesman_all_leads'])
        cls.manager = create_user(cls.env, 'test_plan_manager', '测试总监', ['sales_team.group_sale_manager'])
        Team = cls.env['crm.team']
        cls.department = Team.create({'name': '测试销售部'})
        cls.east = Team.create({'name': '测试华东区', 'parent_id': cls.department.id})
        cls.south = Team.create({'name': '测试华南区', 'parent_id': cls.department.id})
        cls.north = Team.create({'name': '测试华北区', 'parent_id': cls.department.id})

    def _plan(self, east, south, north, user=None):
        Plan = self.env['sales.plan'].sudo(user or self.team_lead)
        plan = Plan.create({'name': '测试年度计划', 'year': 2026})
        Line = self.env['sales.plan.line'].sudo(user or self.team_lead)
        department = Line.create({'plan_id': plan.id, 'team_id': self.department.id, 'target': 12000000})
        for team, target in ((self.east, east), (self.south, south), (self.north, north)):
            Line.create({'plan_id': plan.id, 'parent_id': department.id, 'team_id': team.id, 'target': target})
        return plan

    def test_mismatched_rollup_is_refused_on_submit(self):
        plan = self._plan(5000000, 4000000, 2000000)
        message = r'测试销售部 \(Signed Amount\): target 12,000,000.00, sub-lines total 11,000,000.00, ' \
                  r'difference 1,000,000.00'
        with self.assertRaisesRegex(UserError, message), self.cr.savepoint():
            plan.action_submit()
        self.assertEqual(plan.state, 'draft')
        with self.assertRaisesRegex(UserError, message), self.cr.savepoint():
            plan.write({'state': 'submitted'})
        self.assertEqual(plan.state, 'draft')
        with self.assertRaisesRegex(UserError, '测试销售部'):
            plan._check_rollup()

    def test_every_level_must_add_up(self):
        plan = self._plan(5000000, 4000000, 3000000)
        east_line = plan.line_ids.filtered(lambda line: line.team_id == self.east)
        sub_team = self.env['crm.team'].create({'name': '测试苏南组', 'parent_id': self.east.id})
        self.env['sales.plan.line'].sudo(self.team_lead).create({
            'plan_id': plan.id, 'parent_id': east_line.id, 'team_id': sub_team.id, 'target': 4500000})
        with self.assertRaisesRegex(UserError, r'测试华东区.*difference 500,000.00'), self.cr.savepoint():
            plan.action_submit()
        self.assertEqual(plan.state, 'draft')

    def test_matching_plan_submits_and_only_managers_approve(self):
        plan = self._plan(5000000, 4000000, 3000000)
        plan.action_submit()
        self.assertEqual(plan.state, 'submitted')
        with self.assertRaises(UserError), self.cr.savepoint():
            plan.line_ids[0].write({'target': 1})
        for user in (self.salesperson, self.team_lead):
            with self.assertRaisesRegex(UserError, 'not allowed'), self.cr.savepoint():
                plan.sudo(user).action_approve()
        with self.assertRaises(UserError), self.cr.savepoint():
            plan.write({'state': 'approved'})
        self.assertEqual(plan.state, 'submitted')
        plan.sudo(self.manager).action_approve()
        self.assertEqual(plan.state, 'approved')

    def test_metric_must_match_parent(self):
        plan = self._plan(5000000, 4000000, 3000000)
        department_line = plan.line_ids.filtered(lambda line: line.team_id == self.department)
        with self.assertRaisesRegex(ValidationError, 'same metric'), self.cr.savepoint():
            self.env['sales.plan.line'].sudo(self.team_lead).create({
                'plan_id': plan.id, 'parent_id': department_line.id, 'team_id': self.east.id,
                'metric': 'invoiced_amount', 'target': 1})
        with self.assertRaisesRegex(ValidationError, 'same metric'), self.cr.savepoint():
            department_line.write({'metric': 'new_customers'})
        department_line.invalidate_cache()  # the rolled-back value would otherwise stay in the cache
        self.assertEqual(department_line.metric, 'signed_amount')

    def test_salesperson_reads_plans_of_own_company_only(self):
        plan = self._plan(5000000, 4000000, 3000000)
        self.assertEqual(plan.sudo(self.salesperson).line_ids.mapped('target'), plan.line_ids.mapped('target'))
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.env['sales.plan'].sudo(self.salesperson).create({'name': '我的计划', 'year': 2026})
        other_company = self.env['res.company'].create({'name': '测试其他公司'})
        other_plan = self.env['sales.plan'].create({'name': '其他公司计划', 'company_id': other_company.id})
        self.assertFalse(self.env['sales.plan'].sudo(self.salesperson).search([('id', '=', other_plan.id)]))
