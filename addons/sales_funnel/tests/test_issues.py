from odoo.exceptions import AccessError, UserError

from .common import FunnelCase


class TestIssues(FunnelCase):
    """A problem of an opportunity: actions taken, then closed with an evaluation and a rating."""

    def setUp(self):
        super().setUp()
        self.lead = self._opportunity(self.sales_east, self.type_upsell, name='测试问题 自动化改造')
        self.issue = self.env['crm.lead.issue'].sudo(self.sales_east).create(
            {'lead_id': self.lead.id, 'name': '客户担心交货期', 'description': '停产窗口只有两周'})

    def _action(self, issue, description='协调供应商加急备货'):
        return self.env['crm.lead.issue.action'].sudo(self.sales_east).create(
            {'issue_id': issue.id, 'description': description, 'result': '提前两周到货'})

    def test_closing_needs_an_action_an_evaluation_and_a_rating(self):
        issue = self.issue
        self.assertEqual(issue.state, 'open')
        self.assertEqual(issue.responsible_id, self.sales_east)
        with self.assertRaisesRegex(UserError, 'at least one action'), self.cr.savepoint():
            issue.action_close()
        issue.write({'evaluation': '分期实施解决了顾虑', 'rating': '4'})
        with self.assertRaisesRegex(UserError, 'at least one action'), self.cr.savepoint():
            issue.write({'state': 'done'})   # what an RPC call would do
        self.assertEqual(issue.state, 'open')

        self._action(issue)
        self.assertEqual(issue.state, 'in_progress', 'the first action puts the issue in progress')
        issue.write({'rating': False})
        with self.assertRaisesRegex(UserError, 'a rating'), self.cr.savepoint():
            issue.action_close()
        issue.write({'rating': '4', 'evaluation': ' '})
        with self.assertRaisesRegex(UserError, 'an evaluation'), self.cr.savepoint():
            issue.action_close()
        self.assertEqual(issue.state, 'in_progress')

        issue.write({'evaluation': '分期实施解决了顾虑'})
        issue.action_close()
        self.assertEqual(issue.state, 'done')
        self.assertEqual(issue.evaluated_by_id, self.sales_east)
        self.assertTrue(issue.evaluated_date)

    def test_a_closed_issue_keeps_its_record(self):
        action = self._action(self.issue)
        self.issue.write({'evaluation': '已解决', 'rating': '5'})
        self.issue.action_close()
        with self.assertRaises(UserError), self.cr.savepoint():
            self.issue.write({'evaluation': False})
        with self.assertRaises(UserError), self.cr.savepoint():
            action.unlink()
        with self.assertRaises(UserError), self.cr.savepoint():
            action.write({'result': '改写'})
        with self.assertRaises(UserError), self.cr.savepoint():
            self._action(self.issue, '再补一条')
        self.assertEqual(self.issue.action_ids, action)

        self.issue.action_reopen()
        self.assertEqual(self.issue.state, 'in_progress')
        self._action(self.issue, '再次确认交期')
        self.assertEqual(len(self.issue.action_ids), 2)

    def test_closing_with_its_action_in_one_write(self):
        self.issue.write({'state': 'done', 'evaluation': '一次解决', 'rating': '5',
                          'action_ids': [(0, 0, {'description': '电话解释交期', 'result': '客户接受'})]})
        self.assertEqual(self.issue.state, 'done')
        self.assertEqual(len(self.issue.action_ids), 1)

    def test_cancelled_issue_can_be_reopened(self):
        self.issue.action_cancel()
        self.assertEqual(self.issue.state, 'cancelled')
        with self.assertRaises(UserError), self.cr.savepoint():
            self._action(self.issue)
        self.issue.action_reopen()
        self.assertEqual(self.issue.state, 'open')

    def test_issues_and_actions_are_seen_as_their_opportunity(self):
        action = self._action(self.issue)
        self.assertEqual(self.env['crm.lead.issue'].sudo(self.team_lead).search([('lead_id', '=', self.lead.id)]),
                         self.issue)
        self.assertEqual(self.env['crm.lead.issue.action'].sudo(self.team_lead).search(
            [('issue_id', '=', self.issue.id)]), action)
        self.assertFalse(self.env['crm.lead.issue'].sudo(self.sales_east2).search([('lead_id', '=', self.lead.id)]))
        self.assertFalse(self.env['crm.lead.issue.action'].sudo(self.sales_east2).search(
            [('issue_id', '=', self.issue.id)]))
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.env['crm.lead.issue.action'].sudo(self.sales_east2).create(
                {'issue_id': self.issue.id, 'description': '越权操作'})
