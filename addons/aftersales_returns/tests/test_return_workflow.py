from odoo.exceptions import AccessError, UserError, ValidationError

from .common import ReturnCase


class TestReturnWorkflow(ReturnCase):

    def test_only_aftersales_manager_approves(self):
        request = self._return(2)
        with self.assertRaisesRegex(UserError, 'not allowed.*only members of "After-sales / After-sales Manager"'), \
                self.cr.savepoint():
            request.action_approve()
        with self.assertRaises(UserError), self.cr.savepoint():
            request.write({'state': 'approved'})
        self.assertEqual(request.state, 'draft')
        request.sudo(self.aftersales_manager).action_approve()
        self.assertEqual(request.state, 'approved')
        # Once approved, what is returned cannot change any more.
        with self.assertRaises(UserError), self.cr.savepoint():
            request.line_ids.write({'quantity': 1})
        self.assertEqual(request.line_ids.quantity, 2)
        request.action_close()
        self.assertEqual(request.state, 'closed')

    def test_refusal_needs_a_reason_and_unreachable_states_are_refused(self):
        request = self._return(2)
        manager_request = request.sudo(self.aftersales_manager)
        with self.assertRaisesRegex(UserError, 'reason'), self.cr.savepoint():
            manager_request.action_refuse()
        with self.assertRaises(UserError), self.cr.savepoint():
            manager_request.write({'state': 'refunded'})
        with self.assertRaises(UserError), self.cr.savepoint():
            manager_request.action_close()
        self.assertEqual(request.state, 'draft')
        wizard = self.env['aftersales.return.refuse'].sudo(self.aftersales_manager).with_context(
            active_model='aftersales.return', active_id=request.id).create({'reason': '已超过退货期限'})
        wizard.action_refuse()
        self.assertEqual(request.state, 'refused')
        self.assertEqual(request.refuse_reason, '已超过退货期限')

    def test_order_must_be_confirmed_and_of_the_customer(self):
        quotation = self.env['sale.order'].create({
            'partner_id': self.customer.id,
            'order_line': [(0, 0, {'product_id': self.product.id, 'product_uom_qty': 1, 'price_unit': 1.0})]})
        with self.assertRaisesRegex(ValidationError, 'confirmed'), self.cr.savepoint():
            self.env['aftersales.return'].sudo(self.agent).create({
                'partner_id': self.customer.id, 'sale_order_id': quotation.id})
        stranger = self.env['res.partner'].create({'name': '无关公司', 'is_company': True})
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self.env['aftersales.return'].sudo(self.agent).create({
                'partner_id': stranger.id, 'sale_order_id': self.order.id})

    def test_salesperson_reads_returns_of_own_orders_only(self):
        request = self._return(1)
        self.assertEqual(request.sudo(self.salesperson).contract_id, self.order.contract_id)
        self.assertEqual(request.sudo(self.salesperson).line_ids.quantity, 1)
        with self.assertRaises(AccessError), self.cr.savepoint():
            request.sudo(self.salesperson).write({'description': '改'})
        self.assertFalse(self.env['aftersales.return'].sudo(self.other_salesperson).search(
            [('id', '=', request.id)]))
