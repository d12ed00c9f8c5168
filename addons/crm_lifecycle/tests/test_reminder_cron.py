from datetime import date, timedelta

from odoo import fields
from odoo.tests.common import SavepointCase

from .common import create_user


class TestReminderCron(SavepointCase):
    """Birthdays of contacts and their relatives, and follow-ups due, become the owner's activities once."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.user.company_id
        cls.company.reminder_lead_days = 3
        cls.salesman = create_user(cls.env, 'test_reminder_sales', '测试提醒张三', ['sales_team.group_sale_salesman'])
        cls.colleague = create_user(cls.env, 'test_reminder_other', '测试提醒李四', ['sales_team.group_sale_salesman'])
        Partner = cls.env['res.partner']
        cls.customer = Partner.create({'name': '测试提醒客户有限公司', 'is_company': True, 'customer': True,
                                       'user_id': cls.salesman.id})
        cls.pool_customer = Partner.create({'name': '测试提醒公海客户有限公司', 'is_company': True, 'customer': True})
        cls.today = fields.Date.from_string(fields.Date.context_today(cls.env['crm.reminder.log']))

    def _birthday(self, days_from_today, year=1980):
        """A birthday in ``year`` (a leap year) falling ``days_from_today`` days from today."""
        return fields.Date.to_string((self.today + timedelta(days=days_from_today)).replace(year=year))

    def _contact(self, name, birthday, parent=None):
        return self.env['res.partner'].create({
            'name': name, 'parent_id': (parent or self.customer).id, 'birthday': birthday, 'department': '采购部'})

    def _activities(self, record=None):
        record = record or self.customer
        return self.env['mail.activity'].search([('res_model', '=', record._name), ('res_id', '=', record.id)])

    def _run(self, today=None):
        self.env['crm.reminder.log']._cron_send_reminders(today=today)

    def test_contact_birthday_reminded_once(self):
        contact = self._contact('测试寿星王五', self._birthday(2))
        self._contact('测试远期寿星', self._birthday(10))
        self._contact('测试公海寿星', self._birthday(1), parent=self.pool_customer)
        self._run()
        activity = self._activities()
        self.assertEqual(len(activity), 1, 'the birthday in 10 days is not reminded yet')
        self.assertEqual(activity.user_id, self.salesman, 'the owner of the contact\'s customer is reminded')
        self.assertIn('测试寿星王五', activity.summary)
        self.assertEqual(activity.date_deadline, fields.Date.to_string(self.today + timedelta(days=2)))
        self.assertFalse(self._activities(self.pool_customer), 'nobody is reminded of a pool customer\'s contacts')
        # Re-run, also after the salesperson marked the reminder done: nothing new.
        self._run()
        self.assertEqual(self._activities(), activity)
        activity.action_done()
        self._run()
        self.assertFalse(self._activities())
        self.assertEqual(self.env['crm.reminder.log'].search_count(
            [('event_key', '=', 'contact_birthday:%d' % contact.id)]), 1)

    def test_relative_birthday(self):
        contact = self._contact('测试联系人陈七', False)
        relative = self.env['crm.contact.relative'].create({
            'contact_id': contact.id, 'relation': 'child', 'name': '测试小陈', 'birthday': self._birthday(1, 2012)})
        self.assertEqual(relative.company_id, self.company)
        self._run()
        activity = self._activities()
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.salesman)
        self.assertIn('测试小陈', activity.summary)
        self.assertIn('测试联系人陈七', activity.summary)
        self._run()
        self.assertEqual(len(self._activities()), 1)

    def test_relations_resource_birthday_goes_to_its_salesperson(self):
        resource = self.env['res.partner'].create({
            'name': '测试公关资源', 'contact_kind': 'relations_resource', 'customer': False,
            'user_id': self.salesman.id, 'birthday': self._birthday(0)})
        self._run()
        activity = self._activities(resource)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.salesman)

    def test_birthday_on_29_february(self):
        contact = self._contact('测试闰日寿星', '1984-02-29')
        # Not a leap year: reminded for 28 February.
        self._run(today='2027-02-26')
        activity = self._activities()
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.date_deadline, '2027-02-28')
        # A leap year: 29 February, once.
        self._run(today='2028-02-25')
        self.assertEqual(len(self._activities()), 1, '29 February 2028 is 4 days away, beyond the lead time')
        self._run(today='2028-02-26')
        self._run(today='2028-02-28')
        deadlines = sorted(self._activities().mapped('date_deadline'))
        self.assertEqual(deadlines, ['2027-02-28', '2028-02-29'])
        self.assertEqual(self.env['crm.reminder.log'].search_count(
            [('event_key', '=', 'contact_birthday:%d' % contact.id)]), 2)

    def test_birthday_occurrences_around_new_year_and_february(self):
        occurrences = self.env['crm.reminder.log']._birthday_occurrences(date(2026, 12, 30))
        self.assertEqual(occurrences[101], date(2027, 1, 1))
        self.assertEqual(occurrences[1230], date(2026, 12, 30))

    def test_follow_up_due(self):
        FollowUp = self.env['crm.customer.follow.up'].sudo(self.salesman)
        in_two_days = fields.Date.to_string(self.today + timedelta(days=2))
        FollowUp.create({'partner_id': self.customer.id, 'content': '报价', 'next_follow_up_date': fields.Date.to_string(
            self.today + timedelta(days=10))})
        self._run()
        self.assertFalse(self._activities(), 'a follow-up due in 10 days is not reminded yet')
        FollowUp.create({'partner_id': self.customer.id, 'content': '样品', 'next_follow_up_date': in_two_days})
        self._run()
        self._run()
        activity = self._activities()
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.salesman)
        self.assertEqual(activity.date_deadline, in_two_days)
        # A new plan is a new event.
        FollowUp.create({'partner_id': self.customer.id, 'content': '改期', 'next_follow_up_date': fields.Date.to_string(
            self.today + timedelta(days=1))})
        self._run()
        self.assertEqual(len(self._activities()), 2)

    def test_lead_time_is_a_company_setting(self):
        self.company.reminder_lead_days = 0
        self._contact('测试后天寿星', self._birthday(2))
        self._run()
        self.assertFalse(self._activities())
        self.env['res.config.settings'].create({'reminder_lead_days': 2})
        self.assertEqual(self.company.reminder_lead_days, 2)
        self._run()
        self.assertEqual(len(self._activities()), 1)

    def test_relatives_follow_the_customer_access(self):
        contact = self._contact('测试联系人周八', False)
        Relative = self.env['crm.contact.relative']
        relative = Relative.sudo(self.salesman).create({'contact_id': contact.id, 'relation': 'spouse',
                                                        'name': '测试周太太', 'birthday': '1982-05-01'})
        self.assertEqual(contact.sudo(self.salesman).relative_ids, relative)
        self.assertFalse(Relative.sudo(self.colleague).search([('id', '=', relative.id)]),
                         'a colleague does not see the relatives of his customer\'s contacts')
