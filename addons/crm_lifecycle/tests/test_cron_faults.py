"""The server killed during the lifecycle's scheduled actions: the next run completes the work, once."""
from datetime import timedelta

from odoo import fields
from odoo.tests.common import SavepointCase

from ..models import reminder_log, res_partner_recall
from .common import create_user, killed_after_batch, rerun_in_batches


class TestLifecycleCronFaults(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.user.company_id
        cls.company.reminder_lead_days = 3
        cls.company.recall_warning_days = 7
        salesman = ['sales_team.group_sale_salesman']
        cls.salesman = create_user(cls.env, 'test_fault_sales', '测试故障张三', salesman)
        cls.Partner = cls.env['res.partner']
        cls.Log = cls.env['crm.reminder.log']
        cls.today = fields.Date.from_string(fields.Date.context_today(cls.Log))
        cls.now = fields.Datetime.from_string(fields.Datetime.now())
        cls.category = cls.env['crm.customer.category'].create({
            'name': '测试故障回收类', 'code': 'TFR', 'recall_days_without_follow_up': 30, 'recall_days_without_won': 0})

    def _activities(self, records):
        return self.env['mail.activity'].search([('res_model', '=', 'res.partner'), ('res_id', 'in', records.ids)])

    def test_reminders_killed_after_first_batch(self):
        # what the template's data has due today is reminded first: the killed run then sees only ours
        self.Log._cron_send_reminders()
        customer = self.Partner.create({'name': '测试故障提醒有限公司', 'is_company': True, 'customer': True,
                                        'user_id': self.salesman.id})
        birthday = fields.Date.to_string((self.today + timedelta(days=1)).replace(year=1980))
        contacts = self.Partner
        for number in range(3):
            contacts |= self.Partner.create({'name': '测试故障寿星%d' % number, 'parent_id': customer.id,
                                             'birthday': birthday})
        followed = self.Partner
        for number in range(2):
            followed |= self.Partner.create({'name': '测试故障跟进%d有限公司' % number, 'is_company': True,
                                             'customer': True, 'user_id': self.salesman.id})
            self.env['crm.customer.follow.up'].sudo(self.salesman).create({
                'partner_id': followed[-1].id, 'content': '报价',
                'next_follow_up_date': fields.Date.to_string(self.today + timedelta(days=2))})

        def logs(kind, records):
            return self.Log.search([('event_key', 'in', ['%s:%d' % (kind, record.id) for record in records])])

        with killed_after_batch(self, reminder_log, batch_size=2):
            self.Log._cron_send_reminders()
        # the first batch (two birthdays) is done, the rest is not
        self.assertEqual(logs('contact_birthday', contacts).mapped('event_key'),
                         ['contact_birthday:%d' % contact.id for contact in contacts[:2]][::-1])
        self.assertEqual(len(self._activities(customer)), 2)
        self.assertFalse(logs('follow_up_due', followed))
        self.assertFalse(self._activities(followed))

        rerun_in_batches(reminder_log, 2, self.Log._cron_send_reminders)
        # as one clean run: one log and one activity per event, none twice
        birthday_logs = logs('contact_birthday', contacts)
        self.assertEqual(len(birthday_logs), 3)
        self.assertEqual(len(set(birthday_logs.mapped('event_key'))), 3)
        activities = self._activities(customer)
        self.assertEqual(len(activities), 3)
        self.assertEqual(sorted(activities.ids), sorted(birthday_logs.mapped('activity_id').ids))
        self.assertEqual(len(logs('follow_up_due', followed)), 2)
        for record in followed:
            self.assertEqual(len(self._activities(record)), 1, 'one follow-up reminder per customer')
        self.assertEqual(set((activities | self._activities(followed)).mapped('user_id')), {self.salesman})
        # and a third run adds nothing
        self.Log._cron_send_reminders()
        self.assertEqual(len(self._activities(customer | followed)), 5)

    def test_recall_killed_after_first_batch(self):
        self.Partner._cron_recall_customers_to_pool()
        customers = self.Partner
        for number in range(4):
            customers |= self.Partner.create({
                'name': '测试故障回收%d有限公司' % number, 'is_company': True, 'customer': True,
                'customer_category_id': self.category.id, 'user_id': self.salesman.id})
        warned = self.Partner.create({
            'name': '测试故障预警有限公司', 'is_company': True, 'customer': True,
            'customer_category_id': self.category.id, 'user_id': self.salesman.id})
        for customer, days in [(customer, 40) for customer in customers] + [(warned, 25)]:
            self.env.cr.execute('UPDATE res_partner SET owner_since_date = %s, last_follow_up_date = %s '
                                'WHERE id = %s', (self.now - timedelta(days=60), self.now - timedelta(days=days),
                                                  customer.id))
        self.Partner.invalidate_cache()
        ours = customers | warned

        def recalled(env):
            env.cr.execute('SELECT id FROM res_partner WHERE id IN %s AND user_id IS NULL ORDER BY id',
                           [tuple(ours.ids)])
            return [row[0] for row in env.cr.fetchall()]

        # the template's customers come in earlier batches: killed after the first batch reaching ours
        with killed_after_batch(self, res_partner_recall, batch_size=2, kill_when=recalled):
            self.Partner._cron_recall_customers_to_pool()
        done = recalled(self.env)
        self.assertIn(len(done), (1, 2), 'one batch of two (ours may start in its second half)')
        self.assertEqual(done, customers.ids[:len(done)], 'the first customers, in id order')
        self.assertEqual(len(customers.mapped('ownership_history_ids')), len(done))
        self.assertFalse(self._activities(warned), 'the warned customer is in a later batch')

        rerun_in_batches(res_partner_recall, 2, self.Partner._cron_recall_customers_to_pool)
        self.Partner.invalidate_cache()
        self.assertTrue(all(customers.mapped('in_public_pool')))
        for customer in customers:
            self.assertEqual(customer.ownership_history_ids.mapped('action'), ['recall'], 'recalled once each')
        self.assertEqual(warned.user_id, self.salesman)
        self.assertEqual(len(self._activities(warned)), 1, 'warned once')
        self.assertEqual(self.Log.search_count([('event_key', '=', 'recall_warning:%d' % warned.id)]), 1)
