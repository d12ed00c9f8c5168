from odoo.exceptions import AccessError, UserError

from odoo.addons.aftersales_returns.tests.ticket_common import TicketCase


class TestTicketOpportunity(TicketCase):

    def test_opportunity_for_the_customer_owner(self):
        ticket = self._ticket(ticket_type=self.type_repair, user_id=self.agent.id, description='客户想增购两台设备')
        ticket.sudo(self.agent).action_create_opportunity()
        lead = ticket.lead_id.sudo()  # agents do not read opportunities
        self.assertEqual(lead.type, 'opportunity')
        self.assertEqual(lead.user_id, self.salesperson)
        self.assertEqual(lead.partner_id, self.customer_east)
        self.assertIn(ticket.name, lead.description)
        self.assertIn('客户想增购两台设备', lead.description)
        # the owner sees it, its ticket and a to-do
        as_owner = lead.sudo(self.salesperson)
        self.assertEqual(as_owner.ticket_ids, ticket)
        self.assertEqual(as_owner.ticket_count, 1)
        self.assertTrue(self.env['mail.activity'].search([('res_model', '=', 'crm.lead'), ('res_id', '=', lead.id),
                                                          ('user_id', '=', self.salesperson.id)]))
        with self.assertRaises(UserError), self.cr.savepoint():
            ticket.sudo(self.agent).action_create_opportunity()

    def test_customer_without_owner(self):
        customer = self.env['res.partner'].create({'name': '测试无主客户', 'is_company': True, 'customer': True})
        ticket = self._ticket(customer=customer, user_id=self.agent.id)
        ticket.sudo(self.agent).action_create_opportunity()
        self.assertFalse(ticket.lead_id.sudo().user_id, 'unassigned, in the pool')
        ticket2 = self._ticket(customer=customer, user_id=self.agent.id)
        self.env['res.company'].browse(ticket2.company_id.id).aftersales_opportunity_user_id = self.other_salesperson
        ticket2.sudo(self.agent).action_create_opportunity()
        self.assertEqual(ticket2.lead_id.sudo().user_id, self.other_salesperson, "the company's default owner")

    def test_only_who_may_change_the_ticket(self):
        ticket = self._ticket(user=self.agent_south, customer=self.customer_south, user_id=self.agent_south.id)
        with self.assertRaises(AccessError), self.cr.savepoint():
            ticket.sudo(self.agent).action_create_opportunity()
        with self.assertRaises(AccessError), self.cr.savepoint():
            ticket.sudo(self.other_salesperson).action_create_opportunity()
        self.assertFalse(ticket.lead_id)
