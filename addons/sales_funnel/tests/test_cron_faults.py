"""The server killed during the funnel's scheduled actions: the next run completes the work, once."""
from datetime import datetime, timedelta

from odoo import fields

from odoo.addons.crm_lifecycle.tests.common import create_user, killed_after_batch, rerun_in_batches
from odoo.addons.sales_funnel.models import crm_lead_exception, crm_lead_request

from .common import FunnelCase


def _date(days):
    return fields.Date.to_string(fields.Date.from_string(fields.Date.today()) + timedelta(days=days))


class TestFunnelCronFaults(FunnelCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.opportunity_inactive_days = 0
        company = {'company_id': cls.company.id, 'company_ids': [(6, 0, cls.company.ids)]}
        cls.engineer = create_user(cls.env, 'test_fault_engineer', '测试故障孙工', [], **company)
        cls.Exception = cls.env['crm.lead.exception']
        cls.Request = cls.env['crm.lead.request']

    def _activities(self, model, records):
        return self.env['mail.activity'].search([('res_model', '=', model), ('res_id', 'in', records.ids)])

    def test_exceptions_killed_after_first_batch(self):
        # the template's exceptions are flagged first: the killed run then opens only ours
        self.Exception._cron_detect()
        leads = self.env['crm.lead']
        for number in range(3):
            lead = self._opportunity(self.sales_east, self.type_upsell, team_id=self.team_east.id,
                                     name='测试故障停滞商机%d' % number)   # 意向: 7 days at most
            self.env.cr.execute('UPDATE crm_lead SET date_last_stage_update = %s WHERE id = %s',
                                [fields.Datetime.to_string(datetime.now() - timedelta(days=10)), lead.id])
            leads |= lead
        self.env.cache.invalidate()

        def exceptions():
            return self.Exception.search([('lead_id', 'in', leads.ids)])

        # commit 1 is the resolving of gone exceptions, commit 2 the first batch of new ones
        with killed_after_batch(self, crm_lead_exception, batch_size=1, kill_at=2):
            self.Exception._cron_detect()
        self.env.cache.invalidate()
        self.assertEqual(exceptions().mapped('lead_id'), leads[0], 'the first batch: the first opportunity')
        self.assertEqual(len(self._activities('crm.lead', leads[0])), 2, 'the owner\'s and the team lead\'s')
        self.assertFalse(self._activities('crm.lead', leads[1:]))

        rerun_in_batches(crm_lead_exception, 1, self.Exception._cron_detect)
        self.env.cache.invalidate()
        for lead in leads:
            exception = self.Exception.search([('lead_id', '=', lead.id)])
            self.assertEqual(len(exception), 1, 'one exception per opportunity, none twice')
            self.assertEqual((exception.exception_type, exception.state), ('stalled', 'open'))
            activities = self._activities('crm.lead', lead)
            self.assertEqual(set(activities.mapped('user_id')), {self.sales_east, self.team_lead})
            self.assertEqual(len(activities), 2)
            self.assertEqual(activities, exception.owner_activity_id | exception.leader_activity_id)

    def test_request_reminders_killed_after_first_batch(self):
        self.Request._cron_send_reminders()
        lead = self._opportunity(self.sales_east, self.type_upsell, name='测试故障协助商机')
        requests = self.Request
        for number in range(3):
            requests |= self.Request.sudo(self.sales_east).create({
                'request_type': 'assistance', 'lead_id': lead.id, 'assignee_id': self.engineer.id,
                'subject': '测试故障协助%d' % number, 'description': '改造方案', 'due_date': _date(-1)})
        requests = requests.sudo()
        # each request has its notification activity; the reminder adds one
        self.assertEqual(len(self._activities('crm.lead.request', requests)), 3)

        with killed_after_batch(self, crm_lead_request, batch_size=2):
            self.Request._cron_send_reminders()
        requests.invalidate_cache()
        self.assertEqual(requests.mapped('overdue_reminder_sent'), [True, True, False])
        self.assertEqual([len(self._activities('crm.lead.request', request)) for request in requests], [2, 2, 1])

        rerun_in_batches(crm_lead_request, 2, self.Request._cron_send_reminders)
        requests.invalidate_cache()
        self.assertTrue(all(requests.mapped('overdue_reminder_sent')))
        for request in requests:
            activities = self._activities('crm.lead.request', request)
            self.assertEqual(len(activities), 2, 'the request, and one overdue reminder: none twice')
            self.assertEqual(len(activities.filtered(lambda activity: activity.summary.startswith('Overdue'))), 1)
