from odoo.exceptions import ValidationError

from odoo.addons.aftersales_returns.tests.ticket_common import TicketCase


class TestTicketSla(TicketCase):
    """Deadlines in working hours of the SLA's calendar, in the SLA's time zone (Beijing, UTC+8)."""

    def test_deadline_across_weekend(self):
        # Friday 27 November 2026 16:00 Beijing = 08:00 UTC; 1 hour left on Friday, 3 on Monday
        ticket = self._ticket(ticket_type=self.type_repair, user_id=self.agent.id, date_open='2026-11-27 08:00:00')
        self.assertEqual(ticket.sla_id, self.sla_repair)
        self.assertEqual(ticket.response_deadline, '2026-11-30 03:00:00', 'Monday 11:00 Beijing')
        # 16 hours: 1 on Friday, 9 on Monday, 6 on Tuesday -> Tuesday 14:00 Beijing
        self.assertEqual(ticket.resolution_deadline, '2026-12-01 06:00:00')

    def test_deadline_does_not_depend_on_the_user_time_zone(self):
        self.agent.tz = 'America/New_York'
        ticket = self._ticket(ticket_type=self.type_repair, user_id=self.agent.id, date_open='2026-11-27 08:00:00')
        self.assertEqual(ticket.response_deadline, '2026-11-30 03:00:00')

    def test_reported_outside_working_hours(self):
        # Saturday 10:00 Beijing: the hours start on Monday 8:00
        ticket = self._ticket(ticket_type=self.type_repair, user_id=self.agent.id, date_open='2026-11-28 02:00:00')
        self.assertEqual(ticket.response_deadline, '2026-11-30 04:00:00', 'Monday 12:00 Beijing')

    def test_deadline_ending_with_the_working_day(self):
        # Monday 8:00 + 9 hours ends at Monday 17:00, not on Tuesday morning (plan_hours would say Tuesday 8:00)
        self.sla_repair.response_hours = 9
        ticket = self._ticket(ticket_type=self.type_repair, user_id=self.agent.id, date_open='2026-11-30 00:00:00')
        self.assertEqual(ticket.response_deadline, '2026-11-30 09:00:00')

    def test_holiday_is_not_working_time(self):
        self.env['resource.calendar.leaves'].create({
            'name': '测试假日', 'calendar_id': self.calendar.id, 'tz': 'Asia/Shanghai',
            'date_from': '2026-11-29 16:00:00', 'date_to': '2026-11-30 15:59:59'})  # Monday, Beijing
        ticket = self._ticket(ticket_type=self.type_repair, user_id=self.agent.id, date_open='2026-11-27 08:00:00')
        self.assertEqual(ticket.response_deadline, '2026-12-01 03:00:00', 'Tuesday 11:00 Beijing')

    def test_priority_sla_wins_and_follows_changes(self):
        urgent = self._sla(self.type_repair, response=1, resolution=4, priority='3')
        ticket = self._ticket(ticket_type=self.type_repair, user_id=self.agent.id, date_open='2026-11-30 00:00:00')
        self.assertEqual(ticket.sla_id, self.sla_repair)
        ticket.sudo(self.agent).write({'priority': '3'})
        self.assertEqual(ticket.sla_id, urgent)
        self.assertEqual(ticket.response_deadline, '2026-11-30 01:00:00', 'Monday 9:00 Beijing')
        self.assertEqual(ticket.resolution_deadline, '2026-11-30 04:00:00')

    def test_no_sla_no_deadline(self):
        ticket = self._ticket(ticket_type=self.type_manual)
        self.assertFalse(ticket.sla_id)
        self.assertFalse(ticket.response_deadline)
        self.assertFalse(ticket.resolution_deadline)

    def test_one_sla_per_type_and_priority(self):
        """One SLA per type and priority (and one for any priority); response within resolution."""
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self._sla(self.type_repair, response=1, resolution=2)
        self._sla(self.type_repair, response=1, resolution=2, priority='2')
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self._sla(self.type_repair, response=1, resolution=3, priority='2')
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self._sla(self.type_repair, response=5, resolution=2, priority='1')
