from odoo.addons.crm_lifecycle.tests.common import create_user
from odoo.tests.common import SavepointCase
from odoo import fields


class TestSalesStaff(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super(TestSalesStaff, cls).setUpClass()
        cls.region = cls.env['crm.customer.region'].create({'name': '测试名录华东'})
        Team = cls.env['crm.team']
        cls.department = Team.create({'name': '测试名录销售部'})
        cls.east = Team.create({'name': '测试名录华东区', 'parent_id': cls.department.id,
                                'region_id': cls.region.id})
        cls.sub_team = Team.create({'name': '测试名录苏南组', 'parent_id': cls.east.id})
        cls.salesperson = create_user(cls.env, 'test_staff_sales', '测试名录销售', ['sales_team.group_sale_salesman'],
                                      sale_team_id=cls.sub_team.id)
        cls.salesperson.partner_id.write({'phone': '021-12345678', 'mobile': '13800000001'})
        cls.lead = create_user(cls.env, 'test_staff_lead', '测试名录主管',
                               ['sales_team.group_sale_salesman_all_leads'], sale_team_id=cls.east.id)
        cls.director = create_user(cls.env, 'test_staff_director', '测试名录总监', ['sales_team.group_sale_manager'],
                                   sale_team_id=cls.department.id)
        cls.sub_team.user_id = cls.lead
        cls.outsider = create_user(cls.env, 'test_staff_other', '测试非销售', ['base.group_user'])

    def _staff(self, user):
        return self.env['sales.staff'].sudo(self.salesperson).search([('user_id', '=', user.id)])

    def test_directory_lists_role_team_region_phone(self):
        staff = self._staff(self.salesperson)
        self.assertEqual(staff.role, 'salesperson')
        self.assertEqual(staff.team_id, self.sub_team)
        self.assertEqual(staff.parent_team_id, self.east)
        self.assertEqual(staff.team_leader_id, self.lead)
        self.assertEqual(staff.region_id, self.region)  # inherited from the regional team above
        self.assertEqual((staff.phone, staff.mobile), ('021-12345678', '13800000001'))
        self.assertEqual(self._staff(self.lead).role, 'team_lead')
        self.assertEqual(self._staff(self.lead).region_id, self.region)
        self.assertEqual(self._staff(self.director).role, 'director')
        self.assertFalse(self._staff(self.outsider))
        below = self.env['sales.staff'].sudo(self.salesperson).search([('team_id', 'child_of', self.east.id)])
        self.assertEqual(below.mapped('user_id'), self.salesperson | self.lead)

    def test_directory_shows_targets_of_plans_in_force(self):
        year = fields.Date.from_string(fields.Date.context_today(self.env['sales.plan'])).year
        Plan, Line = self.env['sales.plan'].sudo(self.director), self.env['sales.plan.line'].sudo(self.director)
        plan = Plan.create({'name': '测试名录计划', 'year': year})
        top = Line.create({'plan_id': plan.id, 'team_id': self.sub_team.id, 'target': 800000})
        Line.create({'plan_id': plan.id, 'parent_id': top.id, 'team_id': self.sub_team.id,
                     'user_id': self.salesperson.id, 'target': 800000})
        Line.create({'plan_id': plan.id, 'user_id': self.salesperson.id, 'metric': 'collected_amount',
                     'target': 600000})
        self.assertEqual(self._staff(self.salesperson).signed_target, 0.0)  # a draft is not in force
        plan.sudo(self.lead).action_submit()
        plan.action_approve()
        plan.action_issue()
        self.env['sales.staff'].invalidate_cache()
        staff = self._staff(self.salesperson)
        self.assertEqual((staff.signed_target, staff.collected_target), (800000.0, 600000.0))
