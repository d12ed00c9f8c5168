from odoo.exceptions import UserError, ValidationError

from .common import ContractCase


class TestContractLines(ContractCase):

    @classmethod
    def setUpClass(cls):
        super(TestContractLines, cls).setUpClass()
        cls.motor = cls._product('测试伺服电机', 2500.0, 1800.0, floor_price=2000.0, ceiling_price=3000.0)
        cls.tax = cls.env['account.tax'].create({'name': '测试增值税13%', 'amount': 13.0, 'type_tax_use': 'sale'})

    def _line(self, **values):
        vals = {'product_id': self.motor.id, 'name': '伺服电机', 'product_uom_qty': 10.0, 'price_unit': 2500.0}
        vals.update(values)
        return (0, 0, vals)

    def test_amount_is_the_total_of_the_lines(self):
        contract = self._draft_contract(amount_total=0.0, line_ids=[
            self._line(tax_ids=[(6, 0, self.tax.ids)]), self._line(product_uom_qty=2.0, discount=10.0)])
        self.assertEqual(contract.amount_untaxed, 25000.0 + 4500.0)
        self.assertEqual(contract.amount_tax, 3250.0)
        self.assertEqual(contract.amount_total, 25000.0 + 3250.0 + 4500.0)
        self.assertEqual(contract.line_ids[0].purchase_price, 1800.0, "the product's cost when entered")
        self.assertEqual(contract.margin_total, 29500.0 - 12 * 1800.0)
        with self.assertRaisesRegex(ValidationError, 'total of its lines'), self.cr.savepoint():
            contract.write({'amount_total': 1.0})

    def test_contract_without_lines_keeps_the_amount_entered(self):
        contract = self._draft_contract(amount_total=88000.0)
        self.assertEqual(contract.amount_total, 88000.0)
        self.assertFalse(contract.margin_total)

    def test_floor_and_ceiling_are_shown_on_lines(self):
        contract = self._draft_contract(line_ids=[
            self._line(price_unit=1900.0), self._line(price_unit=2500.0), self._line(price_unit=3200.0)])
        low, normal, high = contract.line_ids.sorted('price_unit')
        self.assertEqual((low.below_floor, low.above_ceiling), (True, False))
        self.assertEqual((normal.below_floor, normal.above_ceiling), (False, False))
        self.assertEqual((high.below_floor, high.above_ceiling), (False, True))
        self.assertEqual(low.floor_price, 2000.0)

    def test_lines_of_signed_contract_are_locked(self):
        contract = self._draft_contract(line_ids=[self._line()])
        self._approve(contract)
        contract.sudo(self.salesperson).action_sign()
        line = contract.line_ids.sudo(self.salesperson)
        with self.assertRaisesRegex(UserError, 'amendment'), self.cr.savepoint():
            line.write({'price_unit': 1.0})
        with self.assertRaisesRegex(UserError, 'amendment'), self.cr.savepoint():
            self.env['sale.contract.line'].sudo(self.salesperson).create({
                'contract_id': contract.id, 'name': '加一台', 'product_uom_qty': 1, 'price_unit': 1.0})
        with self.assertRaises(UserError), self.cr.savepoint():
            line.unlink()
        self.assertEqual(contract.amount_total, 25000.0)

    def test_numbering_per_contract_type(self):
        framework = self.env['sale.contract.type'].create({'name': '测试框架协议', 'number_prefix': 'kj'})
        first = self._draft_contract(contract_type_id=framework.id, sign_date='2019-03-01')
        second = self._draft_contract(contract_type_id=framework.id, sign_date='2019-05-01')
        common = self._draft_contract(sign_date='2019-05-01')
        self.assertEqual((first.name, second.name), ('KJ-2019-0001', 'KJ-2019-0002'))
        self.assertTrue(common.name.startswith('HT-2019-'), 'a type without prefix uses the common numbering')
        with self.assertRaises(ValidationError), self.cr.savepoint():
            framework.number_prefix = 'K J!'
