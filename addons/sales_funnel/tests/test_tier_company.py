from .common import FunnelCase


class TestTierCompany(FunnelCase):
    """The approval tiers of one company do not apply to another company's opportunities, not even when
    the superuser (who sees every company's tiers) requests the approval."""

    def test_tier_of_other_company_does_not_apply(self):
        other = self.env['res.company'].create({'name': '深圳鹏程电子有限公司'})
        tier_other = self.env['tier.definition'].create({
            'name': '深圳 立项审批', 'model_id': self.env['ir.model']._get('crm.lead').id, 'review_type': 'group',
            'reviewer_group_id': self.env.ref('sales_team.group_sale_manager').id, 'company_id': other.id,
            'definition_domain': '[]'})
        lead = self._opportunity(self.sales_east, self.type_upsell, planned_revenue=300000)
        self.assertNotEqual(lead.company_id, other)
        self.assertFalse(lead.evaluate_tier(tier_other))
        lead.action_request_project_approval()  # as the superuser: every company's tiers are visible
        self.assertTrue(lead.review_ids)
        self.assertNotIn(tier_other, lead.review_ids.mapped('definition_id'))
        # a tier of the opportunity's own company still applies
        tier_other.company_id = lead.company_id
        self.assertEqual(lead.evaluate_tier(tier_other), lead)

    def test_approval_buttons_answer_rpc(self):
        """validate_tier / reject_tier return a value XML-RPC can send (base_tier_validation returns None)."""
        lead = self._opportunity(self.sales_east, self.type_upsell, planned_revenue=300000)
        lead.sudo(self.sales_east).action_request_project_approval()
        self.assertIs(lead.sudo(self.team_lead).validate_tier(), True)
        self.assertEqual(lead.project_state, 'approved')
        other = self._opportunity(self.sales_east, self.type_upsell, planned_revenue=200000)
        other.sudo(self.sales_east).action_request_project_approval()
        self.assertIs(other.sudo(self.team_lead).reject_tier(), True)
        self.assertEqual(other.project_state, 'refused')
