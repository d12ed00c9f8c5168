from odoo.exceptions import UserError, ValidationError

from odoo.addons.aftersales_returns.tests.ticket_common import TicketCase


class TestTicketWorkflow(TicketCase):

    @classmethod
    def setUpClass(cls):
        super(TestTicketWorkflow, cls).setUpClass()
        cls.template = cls.env['aftersales.ticket.template'].create({
            'name': '测试维修流程', 'type_id': cls.type_repair.id,
            'step_ids': [(0, 0, {'name': '故障诊断', 'sequence': 1, 'mandatory': True}),
                         (0, 0, {'name': '电话回访', 'sequence': 2, 'mandatory': False})]})

    def _resolved_ticket(self):
        ticket = self._ticket(ticket_type=self.type_repair, user_id=self.agent.id)
        ticket.sudo(self.agent).action_start()
        ticket.sudo(self.agent).action_resolve()
        return ticket

    def test_template_steps_become_the_checklist(self):
        ticket = self._ticket(ticket_type=self.type_repair)
        self.assertEqual(ticket.template_id, self.template)
        self.assertEqual(ticket.checklist_ids.mapped('name'), ['故障诊断', '电话回访'])
        self.assertEqual(ticket.checklist_ids.mapped('mandatory'), [True, False])
        self.assertFalse(self._ticket(ticket_type=self.type_consult).checklist_ids)

    def test_closing_needs_score_and_mandatory_steps(self):
        ticket = self._resolved_ticket()
        as_agent = ticket.sudo(self.agent)
        with self.assertRaisesRegex(UserError, 'satisfaction'), self.cr.savepoint():
            as_agent.action_close()
        as_agent.write({'satisfaction_score': '4', 'satisfaction_comment': '满意'})
        with self.assertRaisesRegex(UserError, '故障诊断'), self.cr.savepoint():
            as_agent.action_close()
        self.assertEqual(ticket.state, 'resolved')
        ticket.checklist_ids.filtered('mandatory').sudo(self.agent).write({'done': True})
        self.assertEqual(ticket.checklist_ids.filtered('done').done_user_id, self.agent)
        as_agent.action_close()
        self.assertEqual(ticket.state, 'closed')
        self.assertTrue(ticket.closed_date)
        with self.assertRaises(UserError), self.cr.savepoint():
            ticket.checklist_ids.sudo(self.agent).write({'done': False})

    def test_closing_through_write_obeys_the_same_rules(self):
        ticket = self._resolved_ticket()
        with self.assertRaises(UserError), self.cr.savepoint():
            ticket.sudo(self.agent).write({'state': 'closed', 'satisfaction_score': '5'})
        self.assertEqual(ticket.state, 'resolved')

    def test_only_managers_relax_mandatory_steps(self):
        ticket = self._ticket(ticket_type=self.type_repair)
        step = ticket.checklist_ids.filtered('mandatory')
        with self.assertRaises(UserError), self.cr.savepoint():
            step.sudo(self.agent).write({'mandatory': False})
        with self.assertRaises(UserError), self.cr.savepoint():
            step.sudo(self.agent).unlink()
        self.assertTrue(step.exists() and step.mandatory)
        ticket.checklist_ids.filtered(lambda line: not line.mandatory).sudo(self.agent).unlink()
        step.sudo(self.manager).write({'mandatory': False})
        self.assertFalse(step.mandatory)

    def test_illegal_moves(self):
        ticket = self._ticket()
        with self.assertRaises(UserError), self.cr.savepoint():
            ticket.sudo(self.agent).action_close()
        with self.assertRaises(UserError), self.cr.savepoint():
            ticket.sudo(self.agent).action_start()  # nobody assigned
        with self.assertRaises(UserError), self.cr.savepoint():
            self._ticket(state='closed')
        ticket.sudo(self.agent).action_cancel()
        with self.assertRaises(UserError), self.cr.savepoint():
            ticket.sudo(self.agent).write({'state': 'assigned'})
        self.assertEqual(ticket.state, 'cancelled')

    def test_first_response(self):
        ticket = self._ticket(ticket_type=self.type_repair, user_id=self.agent.id)
        ticket.sudo(self.agent2).message_post(body='同事备注', message_type='comment', subtype='mail.mt_note')
        self.assertFalse(ticket.first_response_date, 'not the assignee')
        ticket.sudo(self.agent).message_post(body='已电话联系客户', message_type='comment', subtype='mail.mt_comment')
        first = ticket.first_response_date
        self.assertTrue(first)
        ticket.sudo(self.agent).action_start()
        self.assertEqual(ticket.first_response_date, first, 'the first one counts')
        other = self._ticket(ticket_type=self.type_repair, user_id=self.agent.id)
        other.sudo(self.agent).action_start()
        self.assertTrue(other.first_response_date, 'starting the work is a response')

    def test_reopen(self):
        ticket = self._resolved_ticket()
        self.assertTrue(ticket.resolved_date)
        ticket.sudo(self.agent).action_start()
        self.assertEqual(ticket.state, 'in_progress')
        self.assertFalse(ticket.resolved_date)

    def test_time_spent(self):
        ticket = self._ticket(ticket_type=self.type_repair, user_id=self.agent.id)
        ticket.sudo(self.agent).write({'work_log_ids': [(0, 0, {'name': '上门维修', 'hours': 2.5}),
                                                        (0, 0, {'name': '备件更换', 'hours': 1.0})]})
        self.assertEqual(ticket.time_spent, 3.5)
        with self.assertRaises(ValidationError), self.cr.savepoint():
            ticket.sudo(self.agent).write({'work_log_ids': [(0, 0, {'name': '错误', 'hours': -1})]})

    def test_documents_of_the_customer(self):
        stranger = self.env['res.partner'].create({'name': '测试外人', 'parent_id': self.customer_south.id})
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self._ticket(contact_id=stranger.id)
        contact = self.env['res.partner'].create({'name': '测试联系人', 'parent_id': self.customer_east.id})
        self.assertEqual(self._ticket(contact_id=contact.id).contact_id, contact)

    def test_report_date_fixed_once_assigned(self):
        ticket = self._ticket(ticket_type=self.type_repair, user_id=self.agent.id)
        with self.assertRaises(UserError), self.cr.savepoint():
            ticket.sudo(self.agent).write({'date_open': '2026-01-01 00:00:00'})
