from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError

from .common import ContractCase


class TestContractExecution(ContractCase):
    """Settlement and execution progress: delivered, accepted, invoiced and collected; acceptance records."""

    def _accept(self, contract, user=None, **values):
        vals = {'contract_id': contract.id, 'date': '2026-05-20', 'customer_signer_id': self.customer_contact.id,
                'note': '设备安装调试完毕，验收合格'}
        vals.update(values)
        return self.env['sale.contract.acceptance'].sudo(user or self.salesperson).create(vals)

    def test_acceptance_makes_the_acceptance_instalment_due(self):
        contract = self._draft_contract(payment_plan_template_id=self._plan_template().id)
        self._approve(contract)
        contract.sudo(self.salesperson).action_sign()
        acceptance_plan = contract.payment_plan_ids.filtered(lambda p: p.trigger == 'acceptance')
        self.assertFalse(acceptance_plan.due_date)
        acceptance = self._accept(contract, percent=40)
        self.assertEqual(acceptance.amount, 40000.0, 'the amount from the percentage')
        self.assertEqual(acceptance.our_user_id, self.salesperson)
        self.assertEqual(acceptance_plan.due_date, '2026-06-19', 'due 30 days after the acceptance')
        self._accept(contract, amount=60000.0, date='2026-07-01')
        self.assertEqual(acceptance_plan.due_date, '2026-06-19', 'the first acceptance set the due date')
        self.assertEqual((contract.amount_accepted, contract.accepted_percent), (100000.0, 100.0))
        self.assertEqual(contract.last_acceptance_date, '2026-07-01')
        with self.assertRaisesRegex(ValidationError, 'more than its amount'), self.cr.savepoint():
            self._accept(contract, amount=1.0)

    def test_acceptance_only_on_signed_contracts_by_who_may_change_them(self):
        draft = self._draft_contract()
        with self.assertRaisesRegex(UserError, 'signed contracts'), self.cr.savepoint():
            self._accept(draft, percent=10)
        contract = self._signed_contract_with_plan()
        with self.assertRaises(AccessError), self.cr.savepoint():
            self._accept(contract, user=self.colleague, percent=10)
        with self.assertRaises(AccessError), self.cr.savepoint():
            self._accept(contract, user=self.accountant, percent=10)
        with self.assertRaisesRegex(ValidationError, 'not a contact'), self.cr.savepoint():
            other = self.env['res.partner'].create({'name': '无关联系人'})
            self._accept(contract, percent=10, customer_signer_id=other.id)
        acceptance = self._accept(contract, percent=10)
        self.assertEqual(acceptance.sudo(self.accountant).amount, 10000.0, 'accountants read acceptances')
        self.assertEqual(contract.sudo(self.accountant).accepted_percent, 10.0)
        with self.assertRaises(AccessError), self.cr.savepoint():
            acceptance.sudo(self.salesperson).unlink()

    def test_delivered_percent_after_a_delivery(self):
        product = self._product('测试伺服电机', 2500.0, 1800.0)
        order = self.env['sale.order'].create({
            'partner_id': self.customer.id, 'user_id': self.salesperson.id, 'team_id': self.team.id,
            'order_line': [(0, 0, {'product_id': product.id, 'product_uom_qty': 10, 'price_unit': 2500.0})]})
        order.action_confirm()
        order.sudo(self.salesperson).action_create_contract()
        contract = order.contract_id
        self._approve(contract)
        contract.sudo(self.salesperson).action_sign()
        self.assertEqual((contract.amount_delivered, contract.delivered_percent), (0.0, 0.0))
        picking = order.picking_ids
        picking.move_lines.write({'quantity_done': 4})
        picking.with_context(cancel_backorder=False).action_done()
        self.assertEqual(order.order_line.qty_delivered, 4.0)
        contract.invalidate_cache()
        self.assertEqual(contract.sudo(self.salesperson).amount_delivered, 10000.0)
        self.assertEqual(contract.sudo(self.salesperson).delivered_percent, 40.0)

    def test_settlement_and_expected_acceptance_on_a_signed_contract(self):
        contract = self._signed_contract_with_plan()
        bank = self.env['res.partner.bank'].create({'acc_number': '6222 0000 1111 2222',
                                                    'partner_id': self.customer.id})
        due = fields.Date.to_string(fields.Date.from_string(fields.Date.context_today(contract)) + timedelta(days=30))
        contract.sudo(self.salesperson).write({'acceptance_due_date': due, 'partner_bank_id': bank.id,
                                               'settlement_note': '发票寄采购部'})
        self.assertEqual(contract.acceptance_due_date, due)
        with self.assertRaisesRegex(UserError, 'amendment'), self.cr.savepoint():
            contract.sudo(self.salesperson).write({'settlement_type': 'vat_normal'})
        self.assertEqual(contract.settlement_type, 'vat_special')
        other_bank = self.env['res.partner.bank'].create({
            'acc_number': '6222 9999', 'partner_id': self.env['res.partner'].create({'name': '别家公司'}).id})
        with self.assertRaisesRegex(ValidationError, 'not an account of'), self.cr.savepoint():
            contract.sudo(self.salesperson).write({'partner_bank_id': other_bank.id})
        with self.assertRaises(AccessError), self.cr.savepoint():
            contract.sudo(self.accountant).write({'settlement_note': 'x'})
