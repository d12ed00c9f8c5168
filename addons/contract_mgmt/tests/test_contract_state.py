from odoo import fields
from odoo.exceptions import UserError, ValidationError

from .common import ContractCase


class TestContractState(ContractCase):

    def _signed_contract(self):
        contract = self._draft_contract()
        contract.action_submit()
        contract.sudo(self.manager).action_approve()
        contract.action_sign()
        return contract

    def test_full_legal_path(self):
        contract = self._draft_contract()
        self.assertEqual(contract.state, 'draft')
        contract.action_submit()
        self.assertEqual(contract.state, 'waiting_approval')
        contract.sudo(self.manager).action_approve()
        self.assertEqual(contract.state, 'approved')
        contract.action_sign()
        self.assertEqual(contract.state, 'signed')
        self.assertEqual(contract.sign_date, fields.Date.context_today(contract), 'signing defaults to today')
        contract.action_start_execution()
        self.assertEqual(contract.state, 'executing')
        contract.action_done()
        self.assertEqual(contract.state, 'done')

    def test_refused_contract_returns_to_draft(self):
        contract = self._draft_contract()
        contract.action_submit()
        contract.sudo(self.manager).action_refuse()
        self.assertEqual(contract.state, 'draft')
        contract.write({'amount_total': 90000.0})
        self.assertEqual(contract.amount_total, 90000.0, 'a refused contract can be reworked')

    def test_illegal_jumps_are_refused(self):
        contract = self._draft_contract()
        for target in ('signed', 'approved', 'executing', 'done'):
            with self.assertRaisesRegex(UserError, 'cannot go from'), self.cr.savepoint():
                contract.write({'state': target})
            self.assertEqual(contract.state, 'draft')
        with self.assertRaises(UserError), self.cr.savepoint():
            contract.action_sign()
        with self.assertRaises(UserError), self.cr.savepoint():
            contract.action_done()
        self.assertEqual(contract.state, 'draft')
        self.assertFalse(contract.sign_date, 'a refused signature leaves no sign date behind')
        with self.assertRaises(UserError), self.cr.savepoint():
            self.env['sale.contract'].create({'title': 'x', 'partner_id': self.customer.id, 'state': 'signed'})

    def test_salesperson_cannot_approve_own_contract(self):
        contract = self._draft_contract()
        contract.action_submit()
        with self.assertRaisesRegex(UserError, 'cannot approve your own contract'), \
                self.cr.savepoint():
            contract.action_approve()
        with self.assertRaises(UserError), self.cr.savepoint():
            contract.write({'state': 'approved'})
        with self.assertRaises(UserError), self.cr.savepoint():
            contract.sudo(self.team_lead).action_approve()
        self.assertEqual(contract.state, 'waiting_approval')

    def test_signed_contract_is_read_only(self):
        contract = self._signed_contract()
        with self.assertRaisesRegex(UserError, 'amendment'), self.cr.savepoint():
            contract.write({'amount_total': 1.0})
        self.assertEqual(contract.amount_total, 100000.0)
        with self.assertRaises(UserError), self.cr.savepoint():
            contract.sudo(self.manager).write({'date_end': '2030-12-31'})
        self.assertFalse(contract.date_end)
        with self.assertRaises(UserError), self.cr.savepoint():
            contract.unlink()
        # The chatter stays open.
        contract.message_post(body='客户已回传盖章合同')
        self.assertIn('客户已回传盖章合同', contract.message_ids[0].body)

    def test_termination_needs_a_reason(self):
        contract = self._signed_contract()
        with self.assertRaisesRegex(UserError, 'reason'), self.cr.savepoint():
            contract.write({'state': 'terminated'})
        with self.assertRaises(UserError), self.cr.savepoint():
            contract.action_terminate()
        self.assertEqual(contract.state, 'signed')
        wizard = self.env['sale.contract.terminate'].sudo(self.salesperson).with_context(
            active_model='sale.contract', active_id=contract.id).create({'reason': '客户项目取消'})
        wizard.action_terminate()
        self.assertEqual(contract.state, 'terminated')
        self.assertEqual(contract.termination_reason, '客户项目取消')
        with self.assertRaises(UserError), self.cr.savepoint():
            contract.write({'state': 'executing'})

    def test_dates_must_be_in_order(self):
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self._draft_contract(date_start='2026-06-01', date_end='2026-05-31')

    def test_numbers_follow_the_year_and_restart(self):
        first_2019 = self._draft_contract(sign_date='2019-03-01')
        second_2019 = self._draft_contract(sign_date='2019-11-30')
        first_2020 = self._draft_contract(sign_date='2020-01-02')
        self.assertEqual(first_2019.name, 'HT-2019-0001')
        self.assertEqual(second_2019.name, 'HT-2019-0002')
        self.assertEqual(first_2020.name, 'HT-2020-0001', 'numbering restarts every year')
        today = self._draft_contract()
        year = fields.Date.context_today(today)[:4]
        self.assertRegex(today.name, r'^HT-%s-\d{4}$' % year, 'a draft is numbered in the year it is created')
        self.assertNotEqual(today.copy().name, today.name)
