from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError

from .common import ContractCase


class TestContractRenewal(ContractCase):
    """Renewal (续签): a linked follow-on draft for the next period, and the renewals due."""

    def _signed(self, date_start, date_end, **values):
        contract = self._draft_contract(date_start=date_start, date_end=date_end, **values)
        self._approve(contract)
        contract.sudo(contract.user_id).action_sign()
        return contract

    def _days(self, days):
        today = fields.Date.from_string(fields.Date.context_today(self.env.user))
        return fields.Date.to_string(today + timedelta(days=days))

    def test_renewal_dates_and_links(self):
        product = self._product()
        template = self._plan_template()
        contract = self._signed('2026-01-01', '2026-12-31', terms='<p>年度供货条款</p>',
                                customer_signer_id=self.customer_contact.id,
                                payment_plan_template_id=template.id, line_ids=[
                                    (0, 0, {'product_id': product.id, 'name': '伺服电机', 'product_uom_qty': 10,
                                            'price_unit': 2500.0})])
        self.assertTrue(contract.payment_plan_ids)
        action = contract.sudo(self.salesperson).action_renew()
        renewal = self.env['sale.contract'].browse(action['res_id'])
        self.assertEqual(renewal.state, 'draft')
        self.assertEqual((renewal.date_start, renewal.date_end), ('2027-01-01', '2027-12-31'))
        self.assertEqual(renewal.renewed_from_id, contract)
        self.assertEqual(contract.renewal_ids, renewal)
        self.assertNotEqual(renewal.name, contract.name)
        self.assertEqual((renewal.partner_id, renewal.customer_signer_id, renewal.user_id, renewal.contract_type_id),
                         (contract.partner_id, contract.customer_signer_id, self.salesperson, self.contract_type))
        self.assertEqual(renewal.line_ids.mapped('product_id'), product)
        self.assertEqual(renewal.amount_total, 25000.0)
        self.assertIn('年度供货条款', renewal.terms)
        self.assertEqual(renewal.payment_plan_template_id, template)
        self.assertFalse(renewal.payment_plan_ids, 'no instalments: generated on approval')
        self.assertFalse(renewal.sign_date)
        with self.assertRaisesRegex(UserError, 'renewed already'), self.cr.savepoint():
            contract.sudo(self.salesperson).action_renew()
        renewal.sudo(self.salesperson).action_terminate('客户不再续签')
        second = self.env['sale.contract'].browse(contract.sudo(self.salesperson).action_renew()['res_id'])
        self.assertEqual(second.renewed_from_id, contract)

    def test_same_duration_when_not_whole_months(self):
        contract = self._signed('2026-03-10', '2026-04-18')
        renewal = self.env['sale.contract'].browse(contract.action_renew()['res_id'])
        self.assertEqual((renewal.date_start, renewal.date_end), ('2026-04-19', '2026-05-28'))

    def test_only_signed_contracts_with_an_end_are_renewed(self):
        with self.assertRaisesRegex(UserError, 'only a signed contract'), self.cr.savepoint():
            self._draft_contract(date_start='2026-01-01', date_end='2026-12-31').action_renew()
        with self.assertRaisesRegex(UserError, 'no end date'), self.cr.savepoint():
            self._signed(False, False).action_renew()
        contract = self._signed('2026-01-01', '2026-12-31')
        for user in (self.colleague, self.accountant):
            with self.assertRaises(AccessError), self.cr.savepoint():
                contract.sudo(user).action_renew()
        self.assertFalse(contract.renewal_ids)

    def test_renewals_due_lists_contracts_ending_soon_without_renewal(self):
        soon = self._signed(self._days(-300), self._days(30))
        later = self._signed(self._days(-200), self._days(90))
        draft = self._draft_contract(date_end=self._days(10))
        Contract = self.env['sale.contract'].sudo(self.salesperson)
        due = Contract.search([('renewal_due', '=', True)])
        self.assertIn(soon, due)
        self.assertNotIn(later, due, 'ends beyond the 60 days of notice')
        self.assertNotIn(draft, due, 'not signed')
        self.assertTrue(soon.renewal_due)
        self.assertIn(later, Contract.search([('renewal_due', '=', False)]))
        self.salesperson.company_id.contract_renewal_days = 100
        self.assertIn(later, Contract.search([('renewal_due', '=', True)]))
        soon.sudo(self.salesperson).action_renew()
        self.assertNotIn(soon, Contract.search([('renewal_due', '=', True)]), 'renewed: no longer due')
        self.assertNotIn(soon, self.env['sale.contract'].sudo(self.colleague).search([('renewal_due', '=', True)]),
                         'a colleague does not see it')
