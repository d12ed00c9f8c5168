from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.crm_lifecycle.tests.common import create_user

from .common import ContractCase


class TestContractApproval(ContractCase):
    """Approval by authority through base_tier_validation: the default tier (the director), a tier by team
    (the team's leader) and a tier by amount."""

    @classmethod
    def setUpClass(cls):
        super(TestContractApproval, cls).setUpClass()
        cls.team_leader_tier = cls.env.ref('contract_mgmt.tier_contract_team_leader')
        cls.director_tier = cls.env.ref('contract_mgmt.tier_contract_director')
        cls.other_lead = create_user(cls.env, 'test_contract_other_lead', '测试别组组长',
                                     ['sales_team.group_sale_salesman_all_leads'])

    def test_director_approves_by_default(self):
        contract = self._draft_contract()
        contract.action_submit()
        self.assertEqual(contract.state, 'waiting_approval')
        self.assertIn(self.manager, contract.reviewer_ids)
        self.assertTrue(contract.sudo(self.manager).can_review)
        activity = contract.activity_ids.filtered(lambda a: a.user_id == self.manager)
        self.assertTrue(activity, 'the approver finds it in his activities')
        self.assertIs(contract.sudo(self.manager).action_approve(), True, "XML-RPC cannot receive None")
        self.assertEqual(contract.state, 'approved')
        self.assertEqual(contract.approver_id, self.manager)
        self.assertFalse(contract.activity_ids.filtered(lambda a: a.user_id == self.manager))

    def test_team_leader_then_director_for_large_contracts(self):
        self.team_leader_tier.active = True
        self.director_tier.definition_domain = "[('amount_total', '>=', 500000)]"
        small = self._draft_contract(amount_total=200000.0)
        large = self._draft_contract(amount_total=800000.0)
        (small | large).action_submit()
        self.assertEqual(small.reviewer_ids, self.team_lead, 'a small contract: its team leader only')
        with self.assertRaises(AccessError), self.cr.savepoint():
            small.sudo(self.other_lead).action_approve()   # another team's leader does not even see it
        small.sudo(self.team_lead).action_approve()
        self.assertEqual(small.state, 'approved')
        large.sudo(self.team_lead).action_approve()
        self.assertEqual(large.state, 'waiting_approval', 'the director has still to approve')
        large.sudo(self.manager).action_approve()
        self.assertEqual(large.state, 'approved')

    def test_nobody_approves_his_own_contract(self):
        contract = self._draft_contract(user=self.manager)
        contract.sudo(self.manager).action_submit()
        with self.assertRaisesRegex(UserError, 'own contract'), self.cr.savepoint():
            contract.sudo(self.manager).action_approve()
        with self.assertRaises(AccessError), self.cr.savepoint():
            contract.review_ids.sudo(self.manager).write({'status': 'approved'})
        self.assertEqual(contract.state, 'waiting_approval')

    def test_state_cannot_be_written_past_the_approval(self):
        contract = self._draft_contract()
        contract.action_submit()
        for user in (self.salesperson, self.manager):
            with self.assertRaises((UserError, ValidationError)), self.cr.savepoint():
                contract.sudo(user).write({'state': 'approved'})
        self.assertEqual(contract.state, 'waiting_approval')

    def test_under_review_the_amount_is_frozen_and_refusal_reopens(self):
        contract = self._draft_contract()
        contract.action_submit()
        with self.assertRaisesRegex(ValidationError, 'under validation'), self.cr.savepoint():
            contract.write({'amount_total': 1.0})
        contract.write({'terms': '<p>补充：运费由卖方承担</p>'})
        contract.sudo(self.manager).action_refuse()
        self.assertEqual(contract.state, 'draft')
        self.assertFalse(contract.review_ids, 'a refused contract starts a fresh approval')
        contract.write({'amount_total': 95000.0})
        contract.action_submit()
        contract.sudo(self.manager).action_approve()
        self.assertEqual((contract.state, contract.amount_total), ('approved', 95000.0))

    def test_without_tier_a_sales_manager_approves(self):
        self.director_tier.active = False
        contract = self._draft_contract()
        contract.action_submit()
        self.assertFalse(contract.review_ids)
        with self.assertRaisesRegex(UserError, 'only members of'), self.cr.savepoint():
            contract.sudo(self.team_lead).action_approve()
        contract.sudo(self.manager).action_approve()
        self.assertEqual(contract.state, 'approved')

    def test_contract_without_amount_is_not_submitted(self):
        contract = self._draft_contract(amount_total=0.0)
        with self.assertRaisesRegex(UserError, 'no amount'):
            contract.action_submit()
