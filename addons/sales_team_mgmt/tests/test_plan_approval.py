from odoo.addons.crm_lifecycle.tests.common import create_user
from odoo.exceptions import UserError
from odoo.tests.common import SavepointCase


class TestPlanApproval(SavepointCase):
    """报送 to the leader above, who (or a director) approves; the same rules for buttons and RPC writes."""

    @classmethod
    def setUpClass(cls):
        super(TestPlanApproval, cls).setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang='en_US'))
        lead_groups = ['sales_team.group_sale_salesman_all_leads']
        cls.region_lead = create_user(cls.env, 'test_appr_region', '测试区域经理', lead_groups)
        cls.sub_lead = create_user(cls.env, 'test_appr_sub', '测试组长', lead_groups)
        cls.other_lead = create_user(cls.env, 'test_appr_other', '测试他区经理', lead_groups)
        cls.director = create_user(cls.env, 'test_appr_director', '测试销售总监', ['sales_team.group_sale_manager'])
        Team = cls.env['crm.team']
        cls.department = Team.create({'name': '测试审批销售部', 'user_id': cls.director.id})
        cls.region = Team.create({'name': '测试审批华东区', 'parent_id': cls.department.id,
                                  'user_id': cls.region_lead.id})
        cls.sub_team = Team.create({'name': '测试审批苏南组', 'parent_id': cls.region.id, 'user_id': cls.sub_lead.id})

    def _plan(self):
        plan = self.env['sales.plan'].sudo(self.sub_lead).create({
            'name': '测试苏南组计划', 'year': 2026, 'team_id': self.sub_team.id})
        self.env['sales.plan.line'].sudo(self.sub_lead).create({
            'plan_id': plan.id, 'team_id': self.sub_team.id, 'target': 300000})
        return plan

    def test_submitted_to_leader_above_who_approves(self):
        plan = self._plan()
        self.assertEqual(plan.approver_id, self.region_lead)
        plan.sudo(self.sub_lead).action_submit()
        for user in (self.sub_lead, self.other_lead):
            with self.assertRaisesRegex(UserError, 'not allowed.*测试区域经理'), self.cr.savepoint():
                plan.sudo(user).action_approve()
            # The same refusal over RPC, whatever the client shows.
            with self.assertRaisesRegex(UserError, 'not allowed'), self.cr.savepoint():
                plan.sudo(user).write({'state': 'approved'})
            with self.assertRaisesRegex(UserError, 'not allowed'), self.cr.savepoint():
                plan.sudo(user).write({'state': 'draft'})
        plan.invalidate_cache()
        self.assertEqual(plan.state, 'submitted')
        activity_type = self.env.ref('sales_team_mgmt.mail_activity_type_plan_approval')
        todo = self.env['mail.activity'].search([('res_model', '=', 'sales.plan'), ('res_id', '=', plan.id),
                                                 ('activity_type_id', '=', activity_type.id)])
        self.assertEqual(todo.user_id, self.region_lead)
        plan.sudo(self.region_lead).action_approve()
        self.assertEqual((plan.state, plan.approved_by_id), ('approved', self.region_lead))
        self.assertFalse(todo.exists())
        self.assertTrue(plan.approved_date)
        # Issuing (下达) is the director's.
        with self.assertRaisesRegex(UserError, 'not allowed'), self.cr.savepoint():
            plan.sudo(self.region_lead).write({'state': 'issued'})
        plan.sudo(self.director).action_issue()
        plan.sudo(self.sub_lead).action_start()
        with self.assertRaises(UserError), self.cr.savepoint():
            plan.sudo(self.sub_lead).action_close()
        plan.sudo(self.director).action_close()
        self.assertEqual(plan.state, 'closed')
        with self.assertRaisesRegex(UserError, 'cannot go from'), self.cr.savepoint():
            plan.sudo(self.director).write({'state': 'draft'})
        # History: every move is in the chatter.
        messages = self.env['sales.plan'].browse(plan.id).message_ids
        tracked = messages.mapped('tracking_value_ids').filtered(lambda value: value.field == 'state')
        moves = tracked.filtered('old_value_char')  # the creation tracks the initial state without a previous one
        self.assertEqual(len(moves), 5)  # submitted, approved, issued, executing, closed

    def test_leader_above_refuses_and_director_decides_any_plan(self):
        plan = self._plan()
        plan.sudo(self.sub_lead).action_submit()
        plan.sudo(self.region_lead).action_refuse()
        self.assertEqual(plan.state, 'draft')
        plan.line_ids.sudo(self.sub_lead).write({'target': 320000})  # a draft again: the team corrects it
        plan.sudo(self.sub_lead).action_submit()
        plan.sudo(self.director).write({'state': 'approved'})
        self.assertEqual((plan.state, plan.approved_by_id), ('approved', self.director))

    def test_company_plan_goes_to_the_directors(self):
        plan = self.env['sales.plan'].sudo(self.region_lead).create({'name': '测试公司计划', 'year': 2026})
        self.env['sales.plan.line'].sudo(self.region_lead).create({'plan_id': plan.id, 'target': 1})
        self.assertFalse(plan.approver_id)
        plan.sudo(self.region_lead).action_submit()
        with self.assertRaisesRegex(UserError, 'the sales directors'), self.cr.savepoint():
            plan.sudo(self.region_lead).action_approve()
        plan.sudo(self.director).action_approve()
        self.assertEqual(plan.state, 'approved')
