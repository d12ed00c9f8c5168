"""The server killed while the SLA breaches are raised: the next run completes the work, once."""
from odoo.addons.aftersales_returns.models import aftersales_ticket_breach
from odoo.addons.aftersales_returns.tests.ticket_common import TicketCase
from odoo.addons.crm_lifecycle.tests.common import killed_after_batch, rerun_in_batches


class TestBreachCronFaults(TicketCase):

    def test_breaches_killed_after_first_batch(self):
        Breach = self.env['aftersales.ticket.breach']
        activity_type = self.env.ref('aftersales_returns.mail_activity_type_sla_breach')
        # the template's tickets are raised first: the killed run then sees only ours
        Breach._cron_raise_breaches()
        tickets = self.env['aftersales.ticket']
        for __ in range(2):
            tickets |= self._ticket(ticket_type=self.type_repair, user_id=self.agent.id, date_open=self._days_ago(10))

        def breaches(ticket):
            return sorted(Breach.search([('ticket_id', '=', ticket.id)]).mapped('kind'))

        def activities(ticket):
            return self.env['mail.activity'].search([
                ('res_model', '=', 'aftersales.ticket'), ('res_id', '=', ticket.id),
                ('activity_type_id', '=', activity_type.id)])

        # four breaches (response and resolution of each ticket), two per batch
        with killed_after_batch(self, aftersales_ticket_breach, batch_size=2):
            Breach._cron_raise_breaches()
        self.env.cache.invalidate()
        self.assertEqual(breaches(tickets[0]), ['resolution', 'response'], 'the first batch: the first ticket')
        self.assertEqual(len(activities(tickets[0])), 4)
        self.assertEqual(breaches(tickets[1]), [])
        self.assertFalse(activities(tickets[1]))

        rerun_in_batches(aftersales_ticket_breach, 2, Breach._cron_raise_breaches)
        self.env.cache.invalidate()
        for ticket in tickets:
            self.assertEqual(breaches(ticket), ['resolution', 'response'], 'each breach raised once')
            found = activities(ticket)
            self.assertEqual(len(found), 4, 'response and resolution, each for the assignee and the leader')
            self.assertEqual(set(found.mapped('user_id')), {self.agent, self.manager})
            self.assertTrue(ticket.sla_breached)
