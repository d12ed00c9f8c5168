from odoo.exceptions import UserError

from .common import ContractCase


class TestContractFromOrder(ContractCase):

    @classmethod
    def setUpClass(cls):
        super(TestContractFromOrder, cls).setUpClass()
        product = cls.env['product.product'].create({
            'name': '测试伺服电机', 'type': 'consu', 'list_price': 2500.0, 'invoice_policy': 'order'})
        cls.opportunity = cls.env['crm.lead'].create({
            'name': '金陵伺服电机项目', 'type': 'opportunity', 'partner_id': cls.customer.id})
        cls.order = cls.env['sale.order'].create({
            'opportunity_id': cls.opportunity.id,
            'partner_id': cls.customer_contact.id,
            'user_id': cls.salesperson.id,
            'team_id': cls.team.id,
            'client_order_ref': '2026年伺服电机采购',
            'order_line': [(0, 0, {'product_id': product.id, 'product_uom_qty': 4, 'price_unit': 2500.0})],
        })

    def test_quotation_cannot_become_contract(self):
        with self.assertRaisesRegex(UserError, 'confirm'):
            self.order.sudo(self.salesperson).action_create_contract()
        self.assertFalse(self.order.contract_id)

    def test_confirmed_order_becomes_draft_contract(self):
        self.order.action_confirm()
        action = self.order.sudo(self.salesperson).action_create_contract()
        contract = self.env['sale.contract'].browse(action['res_id'])
        self.assertEqual(contract.state, 'draft')
        self.assertEqual(contract.partner_id, self.customer, 'the contract is with the customer company')
        self.assertEqual(contract.customer_signer_id, self.customer_contact)
        self.assertEqual(contract.amount_total, self.order.amount_total)
        self.assertEqual(contract.currency_id, self.order.currency_id)
        self.assertEqual(contract.user_id, self.salesperson)
        self.assertEqual(contract.opportunity_id, self.opportunity)
        self.assertEqual(contract.title, '2026年伺服电机采购')
        self.assertEqual(contract.sale_order_ids, self.order)
        self.assertEqual(self.order.contract_id, contract)
        with self.assertRaisesRegex(UserError, 'already belongs'):
            self.order.sudo(self.salesperson).action_create_contract()
