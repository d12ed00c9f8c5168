from odoo.exceptions import UserError, ValidationError

from odoo.addons.aftersales_returns.tests.ticket_common import TicketCase


class TestTicketAssignment(TicketCase):

    def _load(self, agent, count, ticket_type=None):
        for _index in range(count):
            self._ticket(ticket_type=ticket_type or self.type_manual, user_id=agent.id)

    def test_by_hand(self):
        ticket = self._ticket()
        self.assertEqual(ticket.state, 'new')
        self.assertFalse(ticket.user_id)
        ticket.sudo(self.agent).write({'user_id': self.agent_south.id})
        self.assertEqual(ticket.state, 'assigned')
        self.assertEqual(ticket.team_id, self.team_south, "the assignee's team")
        self.assertTrue(ticket.assigned_date)

    def test_only_aftersales_staff(self):
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self._ticket(user_id=self.salesperson.id)

    def test_by_region(self):
        # the South China agent has less work, but the customer is in East China
        self._load(self.agent, 1)
        ticket = self._ticket(ticket_type=self.type_repair, customer=self.customer_east)
        self.assertEqual(ticket.state, 'assigned')
        self.assertEqual(ticket.user_id, self.agent2, 'East China, fewest open tickets')
        self.assertEqual(ticket.team_id, self.team_east)
        south = self._ticket(ticket_type=self.type_repair, customer=self.customer_south)
        self.assertEqual(south.user_id, self.agent_south)
        self.assertEqual(south.team_id, self.team_south)

    def test_region_without_team_falls_back_to_every_agent(self):
        customer = self.env['res.partner'].create({
            'name': '测试北京客户有限公司', 'is_company': True, 'customer': True,
            'state_id': self.env.ref('crm_lifecycle.customer_region_hb').state_ids[:1].id})
        self._load(self.agent, 1)
        self._load(self.agent2, 1)
        ticket = self._ticket(ticket_type=self.type_repair, customer=customer)
        self.assertEqual(ticket.user_id, self.agent_south)

    def test_round_robin_by_load(self):
        self._load(self.agent, 2)
        self._load(self.agent2, 1)
        self._load(self.agent_south, 3)
        ticket = self._ticket(ticket_type=self.type_consult)
        self.assertEqual(ticket.user_id, self.agent2, 'the fewest open tickets, whatever the region')
        # closed and cancelled tickets are no load
        for ticket in self.env['aftersales.ticket'].search([('user_id', '=', self.agent_south.id)]):
            ticket.sudo(self.agent_south).action_cancel()
        self.assertEqual(self._ticket(ticket_type=self.type_consult).user_id, self.agent_south)

    def test_tie_goes_to_the_oldest_last_assignment(self):
        first = self._ticket(user_id=self.agent.id)
        second = self._ticket(user_id=self.agent2.id)
        self._ticket(user_id=self.agent_south.id).sudo(self.agent_south).action_cancel()
        self._ticket(user_id=self.agent_south.id)
        first.assigned_date = '2026-11-02 01:00:00'
        second.assigned_date = '2026-11-01 01:00:00'
        self.env['aftersales.ticket'].search([('user_id', '=', self.agent_south.id)]).write(
            {'assigned_date': '2026-11-03 01:00:00'})
        self.assertEqual(self._ticket(ticket_type=self.type_consult).user_id, self.agent2)
        # now agent2 has two; agent and the South China agent one each, agent assigned longer ago
        self.assertEqual(self._ticket(ticket_type=self.type_consult).user_id, self.agent)

    def test_team_restricted_to_types(self):
        self.team_east.type_ids = [(6, 0, self.type_repair.ids)]
        ticket = self._ticket(ticket_type=self.type_consult)
        self.assertEqual(ticket.user_id, self.agent_south, 'East China handles repairs only')

    def test_manual_type_and_assign_button(self):
        ticket = self._ticket(ticket_type=self.type_manual)
        self.assertEqual(ticket.state, 'new')
        ticket.sudo(self.agent).action_auto_assign()
        self.assertEqual(ticket.state, 'assigned')
        with self.assertRaises(UserError), self.cr.savepoint():
            ticket.sudo(self.agent).action_auto_assign()

    def test_no_agent_for_the_type(self):
        (self.team_east | self.team_south).write({'type_ids': [(6, 0, self.type_repair.ids)]})
        ticket = self._ticket(ticket_type=self.type_consult)
        self.assertEqual(ticket.state, 'new', 'nobody to give it to: it waits')
        with self.assertRaises(UserError), self.cr.savepoint():
            ticket.sudo(self.agent).action_auto_assign()
