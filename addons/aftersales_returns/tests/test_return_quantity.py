from odoo.exceptions import ValidationError

from .common import ReturnCase


class TestReturnQuantity(ReturnCase):

    def _count_returned(self):
        return sum(self.env['aftersales.return.line'].search([('sale_line_id', '=', self.order_line.id)])
                   .mapped('quantity'))

    def test_delivery_is_real(self):
        self.assertEqual(self.order_line.qty_delivered, 10.0, 'the validated picking delivered 10')

    def test_cannot_return_more_than_delivered(self):
        with self.assertRaisesRegex(ValidationError, r'测试伺服电机.*only 10 '), self.cr.savepoint():
            self._return(11)
        self.assertEqual(self._count_returned(), 0)
        request = self._return(10)
        self.assertEqual(request.line_ids.quantity, 10)
        self.assertRegex(request.name, r'^RT-\d{4}-\d{4}$')

    def test_other_returns_use_up_the_quantity(self):
        first = self._return(10)
        with self.assertRaisesRegex(ValidationError, r'only 0 '), self.cr.savepoint():
            self._return(1)
        # Raising the quantity of an existing line is held to the same rule.
        first.write({'line_ids': [(1, first.line_ids.id, {'quantity': 10})]})
        first.sudo(self.aftersales_manager).action_refuse(reason='客户撤回申请')
        self.assertEqual(first.state, 'refused')
        second = self._return(1)
        self.assertEqual(second.line_ids.quantity, 1, 'refusing the first request frees its quantity')

    def test_partial_returns_add_up(self):
        self._return(6)
        with self.assertRaisesRegex(ValidationError, r'only 4 '), self.cr.savepoint():
            self._return(5)
        self._return(4)
        self.assertEqual(self._count_returned(), 10)

    def test_quantity_must_be_positive(self):
        for quantity in (0, -1):
            with self.assertRaisesRegex(ValidationError, 'greater than zero'), self.cr.savepoint():
                self._return(quantity)
        self.assertEqual(self._count_returned(), 0)

    def test_undelivered_order_cannot_be_returned(self):
        undelivered = self._confirmed_order(self.product, 3)
        self.assertEqual(undelivered.order_line.qty_delivered, 0.0)
        with self.assertRaisesRegex(ValidationError, 'only 0 '), self.cr.savepoint():
            self._return(1, order_line=undelivered.order_line)
