from odoo.exceptions import AccessError, UserError, ValidationError

from .common import FunnelCase


class TestProjectApproval(FunnelCase):
    """立项 through base_tier_validation: the owner requests, a team lead approves or refuses, the
    approval is recorded; nobody approves his own project, by button or RPC."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the module's default tier (team leads) applies to every opportunity of every company
        cls.tier = cls.env.ref('sales_funnel.tier_definition_project_approval')

    def _requested(self):
        lead = self._opportunity(self.sales_east, self.type_upsell, planned_revenue=300000)
        lead.sudo(self.sales_east).action_request_project_approval()
        return lead

    def test_request_needs_customer_and_revenue(self):
        lead = self._opportunity(self.sales_east, self.type_upsell, planned_revenue=0)
        with self.assertRaisesRegex(UserError, 'expected revenue'), self.cr.savepoint():
            lead.sudo(self.sales_east).action_request_project_approval()
        self.assertEqual(lead.project_state, 'none')

    def test_team_lead_approves(self):
        lead = self._requested()
        self.assertEqual(lead.project_state, 'requested')
        self.assertTrue(lead.review_ids)
        self.assertIn(self.team_lead, lead.review_ids.mapped('reviewer_ids'))
        to_review = self.env['crm.lead'].sudo(self.team_lead).search([('reviewer_ids', 'in', self.team_lead.id)])
        self.assertIn(lead, to_review)
        # the button answers True: an XML-RPC client cannot receive None
        self.assertIs(lead.sudo(self.team_lead).validate_tier(), True)
        self.assertEqual(lead.project_state, 'approved')
        self.assertEqual(lead.project_approver_id, self.team_lead)
        self.assertTrue(lead.project_approval_date)

    def test_salesperson_cannot_approve_his_own(self):
        lead = self._requested()
        as_owner = lead.sudo(self.sales_east)
        with self.assertRaisesRegex(UserError, 'your own'), self.cr.savepoint():
            as_owner.validate_tier()
        # a colleague of the collaboration team reads it but is no reviewer: nothing is approved
        self.env['crm.lead.collaborator'].create({'lead_id': lead.id, 'user_id': self.sales_east2.id})
        lead.sudo(self.sales_east2).validate_tier()
        self.assertEqual(lead.project_state, 'requested')
        with self.assertRaises(UserError), self.cr.savepoint():
            as_owner.write({'project_state': 'approved'})
        with self.assertRaises(AccessError), self.cr.savepoint():
            lead.review_ids.sudo(self.sales_east).write({'status': 'approved'})
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.env['tier.review'].sudo(self.sales_east).create({
                'model': 'crm.lead', 'res_id': lead.id, 'definition_id': self.tier.id, 'status': 'approved'})
        self.assertEqual(lead.project_state, 'requested')
        # a team lead's own opportunity: another reviewer decides
        own = self._opportunity(self.team_lead, self.type_upsell, planned_revenue=500000)
        own.sudo(self.team_lead).action_request_project_approval()
        with self.assertRaisesRegex(UserError, 'your own'), self.cr.savepoint():
            own.sudo(self.team_lead).validate_tier()
        own.sudo(self.manager).validate_tier()
        self.assertEqual((own.project_state, own.project_approver_id), ('approved', self.manager))

    def test_basis_frozen_under_review_work_goes_on(self):
        lead = self._requested()
        with self.assertRaises(ValidationError), self.cr.savepoint():
            lead.sudo(self.sales_east).write({'planned_revenue': 900000})
        lead.sudo(self.sales_east).write({'description': '客户要求下周演示', 'stage_id': self.l_quote.id})
        self.assertEqual(lead.stage_id, self.l_quote)
        self.assertEqual(lead.planned_revenue, 300000)

    def test_refuse_and_request_again(self):
        lead = self._requested()
        lead.sudo(self.team_lead).reject_tier()
        self.assertEqual((lead.project_state, lead.project_approver_id), ('refused', self.team_lead))
        lead.sudo(self.sales_east).write({'planned_revenue': 250000})  # no longer under review
        lead.sudo(self.sales_east).action_request_project_approval()
        self.assertEqual(lead.project_state, 'requested')
        self.assertEqual(set(lead.review_ids.mapped('status')), {'pending'}, 'a fresh review')
        lead.sudo(self.team_lead).validate_tier()
        self.assertEqual(lead.project_state, 'approved')

    def test_tiers_are_per_company(self):
        other_company = self.env['res.company'].create({'name': '测试立项其他公司'})
        self.tier.company_id = other_company
        lead = self._opportunity(self.sales_east, self.type_upsell, planned_revenue=300000)
        with self.assertRaisesRegex(UserError, 'No approval tier'), self.cr.savepoint():
            lead.sudo(self.sales_east).action_request_project_approval()
        self.assertEqual(lead.project_state, 'none')
