from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.crm_lifecycle.tests.common import create_user
from .common import ReturnCase


class TestReturnApproval(ReturnCase):
    """Return amount = quantity x net unit price incl. tax (2,825); the default threshold is 10,000."""

    def test_amount_and_threshold(self):
        small = self._return(3)
        self.assertEqual(small.amount_total, 8475.0)
        self.assertEqual(small.line_ids.price_unit, 2825.0)
        self.assertFalse(small.needs_tier_approval)
        large = self._return(4)
        self.assertEqual(large.amount_total, 11300.0)
        self.assertTrue(large.needs_tier_approval)
        self.env.user.company_id.return_approval_threshold = 20000.0
        self.assertFalse(large.needs_tier_approval, 'the company setting decides')

    def test_below_threshold_the_manager_approves_directly(self):
        request = self._return(3)
        request.sudo(self.aftersales_manager).action_approve()
        self.assertEqual(request.state, 'approved')
        self.assertFalse(request.review_ids)
        self.assertEqual(request.approver_id, self.aftersales_manager)

    def test_above_threshold_through_the_tiers(self):
        request = self._return(4)
        request.action_request_approval()
        review = request.review_ids
        self.assertEqual(len(review), 1)
        self.assertEqual(review.status, 'pending')
        self.assertIn(self.aftersales_manager, request.reviewer_ids)
        self.assertIn(self.aftersales_manager, request.activity_ids.mapped('user_id'), 'the reviewer is told')
        # under review, what is returned does not change
        with self.assertRaises((UserError, ValidationError)), self.cr.savepoint():
            request.line_ids.write({'quantity': 3})
        # neither a direct write of the state (RPC) nor the agent gets it approved
        for user in (self.agent, self.aftersales_manager):
            with self.assertRaises(UserError), self.cr.savepoint():
                request.sudo(user).write({'state': 'approved'})
        with self.assertRaises(UserError), self.cr.savepoint():
            request.sudo(self.agent).action_approve()
        self.assertEqual(request.state, 'draft')
        self.assertEqual(review.status, 'pending')
        request.sudo(self.aftersales_manager).action_approve()
        self.assertEqual(review.status, 'approved')
        self.assertEqual(review.done_by, self.aftersales_manager)
        self.assertEqual(request.state, 'approved')
        self.assertEqual(request.approver_id, self.aftersales_manager)
        self.assertFalse(request.activity_ids.filtered(lambda a: a.user_id == self.aftersales_manager))

    def test_refusing_under_review(self):
        request = self._return(5)
        request.action_request_approval()
        request.sudo(self.aftersales_manager).action_refuse(reason='退货数量与实际不符')
        self.assertEqual(request.state, 'refused')
        self.assertEqual(request.review_ids.status, 'rejected')

    def test_nobody_approves_his_own_request(self):
        other_manager = create_user(self.env, 'test_return_manager2', '测试售后经理乙',
                                    ['aftersales_returns.group_aftersales_manager'])
        for quantity in (2, 6):  # below and above the threshold
            own = self._return(quantity, user=self.aftersales_manager)
            with self.assertRaisesRegex(UserError, 'cannot approve'), self.cr.savepoint():
                own.sudo(self.aftersales_manager).action_approve()
            with self.assertRaises((UserError, AccessError)), self.cr.savepoint():
                own.sudo(self.aftersales_manager).write({'state': 'approved'})
            own.invalidate_cache()  # what the refused attempts left in the cache was rolled back
            self.assertEqual(own.state, 'draft')
            self.assertFalse(own.review_ids)
            own.sudo(other_manager).action_approve()
            self.assertEqual(own.state, 'approved')
        # responsible for it is as good as requesting it
        handled = self._return(1)
        handled.write({'user_id': self.aftersales_manager.id})
        with self.assertRaisesRegex(UserError, 'cannot approve'), self.cr.savepoint():
            handled.sudo(self.aftersales_manager).action_approve()
        self.assertEqual(handled.state, 'draft')
