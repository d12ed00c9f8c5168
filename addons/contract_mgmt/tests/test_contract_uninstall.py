from odoo.addons.base.ir.ir_model import MODULE_UNINSTALL_FLAG
from odoo.exceptions import AccessError, UserError

from .common import ContractCase

UNINSTALL = {MODULE_UNINSTALL_FLAG: True}


class TestContractUninstall(ContractCase):
    """Invoiced instalments and applied amendments are kept from users, yet the module's uninstall removes
    them with their models (the demo has both); a user's call with the uninstall flag is not trusted."""

    def test_uninstall_removes_invoiced_instalments_and_applied_amendments(self):
        contract = self._signed_contract_with_plan()
        plan = contract.payment_plan_ids.sorted('sequence')[0]
        plan.sudo(self.accountant).action_create_invoice()
        self.assertEqual(plan.invoice_id.payment_plan_id, plan)
        amendment = self.env['sale.contract.amendment'].sudo(self.salesperson).create(
            {'contract_id': contract.id, 'reason': '客户追加采购数量', 'new_amount_manual': 120000.0})
        amendment.sudo(self.salesperson).action_submit()
        amendment.sudo(self.manager).action_approve()
        self.assertEqual(amendment.state, 'applied')
        for record in (plan, amendment):
            with self.assertRaises((UserError, AccessError)), self.cr.savepoint():
                record.sudo(self.manager).with_context(**UNINSTALL).unlink()
            self.assertTrue(record.exists())
            record.sudo().with_context(**UNINSTALL).unlink()  # what Odoo's uninstall does
            self.assertFalse(record.exists())
        invoice = contract.invoice_ids
        self.assertTrue(invoice, 'the invoice stays')
        self.assertFalse(invoice.payment_plan_id)

    def test_template_in_use_refused_but_uninstall_deletes(self):
        contract = self._draft_contract()
        template = contract.template_id or self.env['sale.contract.template'].create({'name': '测试合同模板'})
        contract.sudo().template_id = template
        with self.assertRaisesRegex(UserError, 'archive it instead'), self.cr.savepoint():
            template.unlink()
        template.with_context(**UNINSTALL).unlink()  # as the superuser, like Odoo's uninstall
        self.assertFalse(template.exists())
        contract.invalidate_cache()
        self.assertFalse(contract.template_id)
