from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.crm_lifecycle.tests.common import create_user
from odoo.addons.sales_funnel.models import crm_lead_request

from .common import FunnelCase


def _date(days):
    return fields.Date.to_string(fields.Date.from_string(fields.Date.today()) + timedelta(days=days))


class TestRequests(FunnelCase):
    """Assistance requests and urgings to colleagues outside sales: notified, reminded once, answered."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = {'company_id': cls.company.id, 'company_ids': [(6, 0, cls.company.ids)]}
        cls.engineer = create_user(cls.env, 'test_funnel_engineer', '测试漏斗孙工', [], **company)
        cls.accountant = create_user(cls.env, 'test_funnel_accountant', '测试漏斗钱会计', [], **company)

    def setUp(self):
        super().setUp()
        self.lead = self._opportunity(self.sales_east, self.type_upsell, name='测试协助 自动化改造')

    def _request(self, user=None, **values):
        vals = {'request_type': 'assistance', 'lead_id': self.lead.id, 'assignee_id': self.engineer.id,
                'subject': '协助编写技术方案', 'description': '两条装配线的改造方案', 'due_date': _date(5)}
        vals.update(values)
        return self.env['crm.lead.request'].sudo(user or self.sales_east).create(vals)

    def _emails_to(self, request, partner):
        """The messages of the request e-mailed to ``partner``."""
        return request.message_ids.filtered(lambda message: message.notification_ids.filtered(
            lambda notification: notification.res_partner_id == partner and notification.is_email))

    def _activities_of(self, request, user):
        return self.env['mail.activity'].search(
            [('res_model', '=', 'crm.lead.request'), ('res_id', '=', request.id), ('user_id', '=', user.id)])

    def test_a_request_notifies_the_colleague_asked(self):
        request = self._request()
        self.assertEqual(request.requester_id, self.sales_east)
        self.assertEqual(request.company_id, self.company)
        activity = self._activities_of(request, self.engineer)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.date_deadline, request.due_date)
        emails = self._emails_to(request, self.engineer.partner_id)
        self.assertEqual(len(emails), 1)
        self.assertIn('协助编写技术方案', emails.body)
        self.assertIn(self.engineer.partner_id, request.message_follower_ids.mapped('partner_id'))

    def test_request_checks(self):
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self._request(assignee_id=self.sales_east.id)
        with self.assertRaises(UserError), self.cr.savepoint():
            self._request(requester_id=self.sales_east2.id)
        other_lead = self._opportunity(self.sales_east2, self.type_upsell, name='测试协助 同事的商机')
        with self.assertRaises(AccessError), self.cr.savepoint():
            self._request(lead_id=other_lead.id)

    def test_the_colleague_asked_reads_only_his_requests(self):
        mine = self._request()
        other = self._request(assignee_id=self.accountant.id, subject='协助核实客户信用额度')
        Request = self.env['crm.lead.request'].sudo(self.engineer)
        self.assertEqual(Request.search([]), mine)
        as_engineer = mine.sudo(self.engineer)
        self.assertEqual(as_engineer.lead_name, '测试协助 自动化改造', 'he sees what it is about')
        self.assertEqual(as_engineer.lead_customer_name, self.customer.display_name)
        with self.assertRaises(AccessError):
            self.lead.sudo(self.engineer).read(['name'])
        with self.assertRaises(AccessError):
            other.sudo(self.engineer).read(['subject'])
        with self.assertRaises(AccessError), self.cr.savepoint():
            Request.create({'assignee_id': self.accountant.id, 'subject': '自己发起', 'due_date': _date(3)})

    def _reachable(self, menu, user):
        """Whether ``user`` sees ``menu`` and every menu above it."""
        visible = self.env['ir.ui.menu'].sudo(user).search([])
        chain = self.env['ir.ui.menu']
        while menu:
            chain, menu = chain | menu, menu.parent_id
        return chain <= visible

    def test_requests_to_me_reach_employees_outside_sales(self):
        to_me = self.env.ref('sales_funnel.menu_crm_lead_requests_to_me')
        mine = self.env.ref('sales_funnel.menu_crm_lead_requests_mine')
        self.assertTrue(self._reachable(to_me, self.engineer))
        self.assertFalse(self._reachable(mine, self.engineer), 'no CRM menu outside sales')
        self.assertTrue(self._reachable(to_me, self.sales_east))
        self.assertTrue(self._reachable(mine, self.sales_east))

    def test_answering(self):
        request = self._request()
        as_engineer = request.sudo(self.engineer)
        with self.assertRaisesRegex(UserError, 'response'), self.cr.savepoint():
            as_engineer.action_done()
        with self.assertRaises(UserError), self.cr.savepoint():
            as_engineer.write({'subject': '改成别的'})
        with self.assertRaises(UserError), self.cr.savepoint():
            as_engineer.action_cancel()
        with self.assertRaises(UserError), self.cr.savepoint():
            request.sudo(self.sales_east).write({'response': '我替他回答'})
        with self.assertRaises(UserError), self.cr.savepoint():
            request.sudo(self.sales_east).write({'state': 'done', 'response': '我替他回答'})
        self.assertEqual(request.state, 'open')

        as_engineer.write({'response': '方案周五前提交'})
        as_engineer.action_done()
        self.assertEqual(request.state, 'done')
        self.assertTrue(request.answered_date)
        self.assertFalse(self._activities_of(request, self.engineer), 'his to-do is gone')
        answer = self._emails_to(request, self.sales_east.partner_id)
        self.assertEqual(len(answer), 1)
        self.assertIn('方案周五前提交', answer.body)
        with self.assertRaises(UserError), self.cr.savepoint():
            as_engineer.write({'response': '改口'})

    def test_refusing_and_cancelling(self):
        refused = self._request()
        with self.assertRaises(UserError), self.cr.savepoint():
            refused.sudo(self.engineer).action_refuse()
        refused.sudo(self.engineer).write({'response': '本周排满，请找李工'})
        refused.sudo(self.engineer).action_refuse()
        self.assertEqual(refused.state, 'refused')
        self.assertEqual(len(self._emails_to(refused, self.sales_east.partner_id)), 1)

        cancelled = self._request(subject='催办技术偏离表', request_type='urging')
        cancelled.sudo(self.sales_east).action_cancel()
        self.assertEqual(cancelled.state, 'cancelled')
        self.assertFalse(self._activities_of(cancelled, self.engineer))
        self.assertEqual(len(self._emails_to(cancelled, self.engineer.partner_id)), 2, 'asked, then cancelled')

    def test_requester_changes_the_terms(self):
        request = self._request()
        request.sudo(self.sales_east).write({'assignee_id': self.accountant.id})
        self.assertFalse(self._activities_of(request, self.engineer))
        self.assertEqual(len(self._activities_of(request, self.accountant)), 1)
        self.assertFalse(self.env['crm.lead.request'].sudo(self.engineer).search([]))
        with self.assertRaises(UserError), self.cr.savepoint():
            request.sudo(self.sales_east).write({'requester_id': self.sales_east2.id})

    def test_salespeople_see_the_requests_of_the_opportunities_they_see(self):
        request = self._request()
        no_lead = self._request(lead_id=False, subject='协助确认展会场地')
        Request = self.env['crm.lead.request']
        both = request | no_lead
        self.assertEqual(Request.sudo(self.team_lead).search([('id', 'in', both.ids)]), request)
        self.assertFalse(Request.sudo(self.sales_east2).search([('id', 'in', both.ids)]))
        self.assertEqual(Request.sudo(self.manager).search([('id', 'in', both.ids)]), both)
        self.assertEqual(Request.sudo(self.sales_east).search([('id', 'in', both.ids)]), both)
        with self.assertRaises(AccessError), self.cr.savepoint():
            request.sudo(self.team_lead).write({'due_date': _date(9)})
        request.sudo(self.manager).write({'due_date': _date(9)})
        self.assertEqual(request.due_date, _date(9))

        # the opportunity goes to another salesperson: the requester keeps his request
        self.lead.sudo(self.manager).write({'user_id': self.sales_south.id})
        self.assertEqual(Request.sudo(self.sales_east).search([('id', 'in', both.ids)]), both)
        self.assertEqual(Request.sudo(self.sales_south).search([('id', 'in', both.ids)]), request)

    def test_reminders_are_sent_once(self):
        today = fields.Date.today()
        due_tomorrow = self._request(subject='明天到期', due_date=_date(1))
        overdue = self._request(subject='已经逾期', due_date=_date(-2))
        later = self._request(subject='下周到期', due_date=_date(7))
        answered = self._request(subject='已答复', due_date=_date(-1))
        answered.sudo(self.engineer).write({'response': '已处理', 'state': 'done'})
        Request = self.env['crm.lead.request']

        Request._cron_send_reminders(today=today)
        self.assertEqual(len(self._activities_of(due_tomorrow, self.engineer)), 2, 'the request, its reminder')
        self.assertEqual(len(self._emails_to(due_tomorrow, self.engineer.partner_id)), 2)
        self.assertTrue(due_tomorrow.due_reminder_sent)
        self.assertEqual(len(self._activities_of(overdue, self.engineer)), 2)
        self.assertTrue(any(summary.startswith('Overdue') for summary in
                            self._activities_of(overdue, self.engineer).mapped('summary')))
        self.assertTrue(overdue.overdue_reminder_sent)
        self.assertEqual(len(self._activities_of(later, self.engineer)), 1, 'not due yet')
        self.assertFalse(self._activities_of(answered, self.engineer), 'answered: no reminder')

        Request._cron_send_reminders(today=today)
        self.assertEqual(len(self._activities_of(due_tomorrow, self.engineer)), 2, 'no second reminder')
        self.assertEqual(len(self._activities_of(overdue, self.engineer)), 2)

        # the next day the request due tomorrow is overdue: its overdue reminder, once
        next_day = _date(2)
        Request._cron_send_reminders(today=next_day)
        Request._cron_send_reminders(today=next_day)
        self.assertEqual(len(self._activities_of(due_tomorrow, self.engineer)), 3)

        # a new due date, new reminders
        overdue.sudo(self.sales_east).write({'due_date': _date(1)})
        self.assertFalse(overdue.overdue_reminder_sent)
        Request._cron_send_reminders(today=today)
        self.assertEqual(len(self._activities_of(overdue, self.engineer)), 3)

    def test_reminders_in_batches(self):
        requests = self.env['crm.lead.request']
        for index in range(5):
            requests |= self._request(subject='逾期请求 %d' % index, due_date=_date(-1))
        commits = []
        with patch.object(crm_lead_request, 'BATCH_SIZE', 2), \
                patch.object(crm_lead_request, 'commit_batch', side_effect=commits.append):
            self.env['crm.lead.request']._cron_send_reminders()
        self.assertEqual(len(commits), 3, '5 requests, 2 per batch')
        self.assertTrue(all(requests.mapped('overdue_reminder_sent')))
