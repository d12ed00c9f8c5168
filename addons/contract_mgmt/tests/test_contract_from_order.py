from odoo.exceptions import AccessError, UserError

from .common import ContractCase


class TestContractFromOrder(ContractCase):

    @classmethod
    def setUpClass(cls):
        super(TestContractFromOrder, cls).setUpClass()
        cls.product = cls._product(floor_price=2000.0)
        cls.opportunity = cls.env['crm.lead'].create({
            'name': '金陵伺服电机项目', 'type': 'opportunity', 'partner_id': cls.customer.id,
            'user_id': cls.salesperson.id, 'team_id': cls.team.id})
        cls.order = cls.env['sale.order'].create({
            'opportunity_id': cls.opportunity.id,
            'partner_id': cls.customer_contact.id,
            'user_id': cls.salesperson.id,
            'team_id': cls.team.id,
            'client_order_ref': '2026年伺服电机采购',
            'order_type': 'framework',
            'payment_method': 'acceptance_bill',
            'delivery_method': 'logistics',
            'order_line': [(0, 0, {'product_id': cls.product.id, 'product_uom_qty': 4, 'price_unit': 2500.0,
                                   'purchase_price': 1800.0})],
        })

    def test_won_quotation_becomes_contract_with_its_lines(self):
        action = self.order.sudo(self.salesperson).action_create_contract()
        contract = self.env['sale.contract'].browse(action['res_id'])
        self.assertEqual(contract.state, 'draft')
        self.assertEqual(contract.partner_id, self.customer, 'the contract is with the customer company')
        self.assertEqual(contract.customer_signer_id, self.customer_contact)
        self.assertEqual(len(contract.line_ids), 1)
        line = contract.line_ids
        self.assertEqual((line.product_id, line.product_uom_qty, line.price_unit, line.purchase_price),
                         (self.product, 4.0, 2500.0, 1800.0))
        self.assertEqual(line.sale_line_id, self.order.order_line)
        self.assertEqual(contract.amount_total, self.order.amount_total)
        self.assertEqual(contract.margin_total, 4 * (2500.0 - 1800.0), 'expected margin from the costs')
        self.assertAlmostEqual(contract.margin_percent, 28.0, places=2)
        self.assertEqual(contract.user_id, self.salesperson)
        self.assertEqual(contract.opportunity_id, self.opportunity)
        self.assertEqual(self.opportunity.contract_id, contract, 'the opportunity shows its contract')
        self.assertEqual(contract.title, '2026年伺服电机采购')
        self.assertEqual(contract.sale_order_ids, self.order)
        self.assertEqual(self.order.contract_id, contract)
        self.assertEqual((self.order.order_type, self.order.payment_method, self.order.delivery_method),
                         ('framework', 'acceptance_bill', 'logistics'))
        with self.assertRaisesRegex(UserError, 'already belongs'):
            self.order.sudo(self.salesperson).action_create_contract()

    def test_quotation_below_floor_needs_its_approval_first(self):
        self.order.order_line.price_unit = 1500.0
        with self.assertRaisesRegex(UserError, 'needs approval'), self.cr.savepoint():
            self.order.sudo(self.salesperson).action_create_contract()
        self.assertFalse(self.order.contract_id)
        self.assertFalse(self.env['sale.contract'].search([('sale_order_ids', 'in', self.order.ids)]))

    def test_confirmed_order_becomes_contract(self):
        self.order.action_confirm()
        action = self.order.sudo(self.salesperson).action_create_contract()
        contract = self.env['sale.contract'].browse(action['res_id'])
        self.assertEqual(contract.amount_total, 10000.0)
        self.assertEqual(contract.line_ids.product_uom_qty, 4.0)

    def test_colleague_cannot_turn_my_quotation_into_a_contract(self):
        colleague_order = self.order.sudo(self.colleague)
        with self.assertRaises(AccessError), self.cr.savepoint():
            colleague_order.action_create_contract()
        self.assertFalse(self.order.contract_id)
