from odoo.exceptions import UserError

from .common import ContractCase


class TestInvoiceAmountLock(ContractCase):
    """A validated instalment invoice keeps its amounts, whoever calls: the accountant corrects it with a
    credit note, and a draft invoice stays editable."""

    def test_validated_instalment_invoice_keeps_its_amounts(self):
        contract = self._signed_contract_with_plan()
        plan = contract.payment_plan_ids.sorted('sequence')[0]
        plan.sudo(self.accountant).action_create_invoice()
        invoice = plan.invoice_id
        line = invoice.invoice_line_ids
        for vals in ({'price_unit': 1.0}, {'quantity': 2.0}, {'discount': 50.0}):
            with self.assertRaisesRegex(UserError, 'change only through a credit note'), self.cr.savepoint():
                line.sudo(self.accountant).write(vals)
        with self.assertRaisesRegex(UserError, 'change only through a credit note'), self.cr.savepoint():
            line.sudo(self.accountant).unlink()
        with self.assertRaisesRegex(UserError, 'change only through a credit note'), self.cr.savepoint():
            invoice.sudo(self.accountant).write({'invoice_line_ids': [(0, 0, {
                'name': '加价', 'quantity': 1, 'price_unit': 999.0, 'account_id': line.account_id.id})]})
        line.sudo(self.accountant).write({'name': '预付款（发票备注更正）'})  # the description is no amount
        self.assertEqual((invoice.amount_total, line.price_unit, contract.amount_invoiced), (30000.0, 30000.0, 30000.0))

    def test_draft_invoice_stays_editable(self):
        contract = self._signed_contract_with_plan()
        plan = contract.payment_plan_ids.sorted('sequence')[0]
        plan.sudo(self.accountant).action_create_invoice()
        validated = plan.invoice_id
        draft = validated.sudo().copy({'payment_plan_id': False, 'contract_id': contract.id})
        self.assertEqual(draft.state, 'draft')
        draft.invoice_line_ids.sudo(self.accountant).write({'price_unit': 29000.0})
        self.assertEqual(draft.amount_total, 29000.0)
