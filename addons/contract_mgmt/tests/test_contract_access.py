from odoo.exceptions import AccessError

from .common import ContractCase


class TestContractAccess(ContractCase):

    def test_salesperson_sees_only_own_contracts(self):
        contract = self._draft_contract()
        Contract = self.env['sale.contract']
        self.assertFalse(Contract.sudo(self.colleague).search([('id', '=', contract.id)]))
        with self.assertRaises(AccessError):
            contract.sudo(self.colleague).read(['amount_total'])
        with self.assertRaises(AccessError), self.cr.savepoint():
            contract.sudo(self.colleague).write({'title': '改名'})
        self.assertEqual(contract.title, '测试合同')

    def test_team_lead_sees_team_and_manager_all(self):
        contract = self._draft_contract()
        other = self._draft_contract(user=self.colleague, team_id=False)
        lead_visible = self.env['sale.contract'].sudo(self.team_lead).search([('id', 'in', (contract | other).ids)])
        self.assertEqual(lead_visible, contract, 'the team lead sees the team, not other salespeople')
        manager_visible = self.env['sale.contract'].sudo(self.manager).search([('id', 'in', (contract | other).ids)])
        self.assertEqual(manager_visible, contract | other)

    def test_accountant_reads_but_cannot_change(self):
        contract = self._draft_contract()
        self.assertEqual(contract.sudo(self.accountant).amount_total, 100000.0)
        with self.assertRaises(AccessError), self.cr.savepoint():
            contract.sudo(self.accountant).write({'amount_total': 1.0})
