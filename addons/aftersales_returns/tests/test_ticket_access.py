from odoo.exceptions import AccessError

from odoo.addons.aftersales_returns.tests.ticket_common import TicketCase
from odoo.addons.crm_lifecycle.tests.common import create_user


class TestTicketAccess(TicketCase):
    """Agents: theirs, their teams' and those they recorded; managers: all; salespeople: read their customers'."""

    @classmethod
    def setUpClass(cls):
        super(TestTicketAccess, cls).setUpClass()
        Ticket = cls.env['aftersales.ticket']
        cls.east_ticket = Ticket.create({'title': '测试华东工单', 'partner_id': cls.customer_east.id,
                                         'type_id': cls.type_manual.id, 'user_id': cls.agent.id})
        cls.south_ticket = Ticket.create({'title': '测试华南工单', 'partner_id': cls.customer_south.id,
                                          'type_id': cls.type_manual.id, 'user_id': cls.agent_south.id})
        cls.unassigned = Ticket.create({'title': '测试待分派工单', 'partner_id': cls.customer_south.id,
                                        'type_id': cls.type_manual.id, 'team_id': False})

    def _visible(self, user):
        return self.env['aftersales.ticket'].sudo(user).search(
            [('id', 'in', (self.east_ticket | self.south_ticket | self.unassigned).ids)])

    def test_agents_see_theirs_and_their_teams(self):
        self.assertEqual(self._visible(self.agent), self.east_ticket)
        self.assertEqual(self._visible(self.agent2), self.east_ticket, "a team mate's ticket")
        self.assertEqual(self._visible(self.agent_south), self.south_ticket)
        with self.assertRaises(AccessError):
            self.south_ticket.sudo(self.agent).read(['title'])
        with self.assertRaises(AccessError):
            self.south_ticket.sudo(self.agent).write({'priority': '2'})

    def test_agents_see_what_they_record(self):
        ticket = self._ticket(user=self.agent_south, customer=self.customer_east, team_id=False)
        self.assertFalse(ticket.user_id)
        self.assertEqual(ticket.sudo(self.agent_south).title, '测试设备故障')

    def test_managers_see_all(self):
        self.assertEqual(len(self._visible(self.manager)), 3)
        self.unassigned.sudo(self.manager).write({'user_id': self.agent.id})
        self.assertIn(self.unassigned, self._visible(self.agent))

    def test_salespeople_read_their_customers_tickets(self):
        self.assertEqual(self._visible(self.salesperson), self.east_ticket)
        self.assertEqual(self._visible(self.other_salesperson), self.south_ticket | self.unassigned)
        with self.assertRaises(AccessError):
            self.east_ticket.sudo(self.salesperson).write({'priority': '2'})
        with self.assertRaises(AccessError):
            self._ticket(user=self.salesperson)
        self.assertEqual(self.customer_east.sudo(self.salesperson).ticket_count, 1)

    def test_configuration_by_managers(self):
        with self.assertRaises(AccessError):
            self.sla_repair.sudo(self.agent).write({'response_hours': 100})
        with self.assertRaises(AccessError):
            self.team_east.sudo(self.agent).write({'member_ids': [(4, self.salesperson.id)]})
        self.sla_repair.sudo(self.manager).write({'response_hours': 3})
        self.assertEqual(self.sla_repair.response_hours, 3)

    def test_breach_log_for_managers(self):
        with self.assertRaises(AccessError):
            self.env['aftersales.ticket.breach'].sudo(self.agent).search([])
        self.env['aftersales.ticket.breach'].sudo(self.manager).search([])

    def test_other_company(self):
        company = self.env['res.company'].create({'name': '测试子公司乙'})
        manager_b = create_user(self.env, 'test_ticket_manager_b', '测试乙公司经理',
                                ['aftersales_returns.group_aftersales_manager'],
                                company_id=company.id, company_ids=[(6, 0, company.ids)])
        self.assertFalse(self._visible(manager_b))
        type_b = self.env['aftersales.ticket.type'].create({'name': '测试乙类型', 'company_id': company.id,
                                                            'assignment_method': 'manual'})
        partner_b = self.env['res.partner'].create(
            {'name': '测试乙客户', 'is_company': True, 'company_id': company.id})
        ticket_b = self.env['aftersales.ticket'].sudo(manager_b).create(
            {'title': '测试乙工单', 'partner_id': partner_b.id, 'type_id': type_b.id})
        self.assertEqual(ticket_b.company_id, company)
        self.assertNotIn(ticket_b, self.env['aftersales.ticket'].sudo(self.manager).search([]))
