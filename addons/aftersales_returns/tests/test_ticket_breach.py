from odoo.addons.aftersales_returns.tests.ticket_common import TicketCase


class TestTicketBreach(TicketCase):
    """The scheduled action raises each missed deadline once, as activities for the assignee and the manager."""

    def setUp(self):
        super(TestTicketBreach, self).setUp()
        self.Breach = self.env['aftersales.ticket.breach']
        self.activity_type = self.env.ref('aftersales_returns.mail_activity_type_sla_breach')

    def _activities(self, ticket):
        return self.env['mail.activity'].search([('res_model', '=', 'aftersales.ticket'), ('res_id', '=', ticket.id),
                                                 ('activity_type_id', '=', self.activity_type.id)])

    def test_breaches_raised_once(self):
        ticket = self._ticket(ticket_type=self.type_repair, user_id=self.agent.id, date_open=self._days_ago(10))
        self.Breach._cron_raise_breaches()
        breaches = self.Breach.search([('ticket_id', '=', ticket.id)])
        self.assertEqual(sorted(breaches.mapped('kind')), ['resolution', 'response'])
        self.assertTrue(ticket.sla_breached)
        self.assertIn(ticket, self.env['aftersales.ticket'].search([('sla_breached', '=', True)]))
        activities = self._activities(ticket)
        self.assertEqual(len(activities), 4, 'response and resolution, each for the assignee and the leader')
        self.assertEqual(set(activities.mapped('user_id').ids), {self.agent.id, self.manager.id})
        # each recipient reads the summary in his own language
        expected = self.Breach.with_context(lang=self.agent.lang)._summary(ticket, 'response')
        self.assertIn(ticket.name, expected)
        self.assertIn(expected, activities.filtered(lambda a: a.user_id == self.agent).mapped('summary'))
        # a second run finds nothing new, anywhere
        count = self.Breach.search_count([])
        activity_count = self.env['mail.activity'].search_count([])
        self.Breach._cron_raise_breaches()
        self.assertEqual(self.Breach.search_count([]), count)
        self.assertEqual(self.env['mail.activity'].search_count([]), activity_count)

    def test_answered_ticket_breaches_only_resolution(self):
        ticket = self._ticket(ticket_type=self.type_repair, user_id=self.agent.id, date_open=self._days_ago(10))
        ticket.sudo(self.agent).message_post(body='已联系客户，明天上门。', message_type='comment',
                                             subtype='mail.mt_comment')
        self.Breach._cron_raise_breaches()
        self.assertEqual(self.Breach.search([('ticket_id', '=', ticket.id)]).mapped('kind'), ['resolution'])

    def test_no_breach_before_deadline_or_once_resolved(self):
        on_time = self._ticket(ticket_type=self.type_repair, user_id=self.agent.id)
        resolved = self._ticket(ticket_type=self.type_repair, user_id=self.agent.id, date_open=self._days_ago(10))
        resolved.sudo(self.agent).action_resolve()
        self.Breach._cron_raise_breaches()
        self.assertFalse(self.Breach.search([('ticket_id', 'in', (on_time | resolved).ids)]))
        self.assertFalse(on_time.sla_breached)

    def test_without_team_leader_every_manager_is_told(self):
        self.team_east.user_id = False
        ticket = self._ticket(ticket_type=self.type_repair, user_id=self.agent.id, date_open=self._days_ago(10))
        self.Breach._cron_raise_breaches()
        users = self._activities(ticket).mapped('user_id')
        self.assertIn(self.manager, users)
        self.assertIn(self.agent, users)
        self.assertNotIn(self.agent2, users)

    def test_unique_breach_log(self):
        ticket = self._ticket(ticket_type=self.type_repair, user_id=self.agent.id, date_open=self._days_ago(10))
        self.Breach._cron_raise_breaches()
        breach = self.Breach.search([('ticket_id', '=', ticket.id), ('kind', '=', 'response')])
        self.assertFalse(self.Breach._raise_breach(ticket.id, 'response', breach.deadline))
        self.assertEqual(self.Breach.search_count([('ticket_id', '=', ticket.id)]), 2)
