from odoo import fields
from odoo.exceptions import UserError

from .common import ReturnCase


class TestReturnOperations(ReturnCase):

    def _received_return(self, quantity):
        request = self._approved_return(quantity)
        request.sudo(self.agent).action_receive()
        self.assertEqual(request.state, 'received')
        return request

    def test_receive_goods_through_the_stock_return(self):
        request = self._received_return(2)
        picking = request._pickings()
        self.assertEqual(len(picking), 1)
        self.assertEqual(picking.picking_type_code, 'incoming')
        self.assertEqual(picking.state, 'done')
        move = picking.move_lines
        self.assertEqual(move.product_id, self.product)
        self.assertEqual(move.quantity_done, 2.0)
        self.assertEqual(move.product_uom_qty, 2.0)
        self.assertTrue(move.to_refund)
        self.assertEqual(move.origin_returned_move_id, self.order.picking_ids.filtered(
            lambda p: p.picking_type_code == 'outgoing').move_lines)
        self.assertEqual(move.location_id.usage, 'customer')
        self.assertEqual(move.location_dest_id.usage, 'internal')
        self.assertEqual(self.order_line.qty_delivered, 8.0, 'the order line counts the return')
        self.assertIn(picking, self.order.picking_ids)
        # what the customer still has can still be returned, not more
        with self.assertRaisesRegex(Exception, 'only 8 '), self.cr.savepoint():
            self._return(9)
        self.assertEqual(self._return(8).line_ids.quantity, 8)
        with self.assertRaisesRegex(UserError, 'already been received'), self.cr.savepoint():
            request.sudo(self.agent).action_receive()
        self.assertEqual(len(request._pickings()), 1)

    def test_receive_across_partial_deliveries(self):
        order = self._confirmed_order(self.product, 5)
        first = order.picking_ids
        first.force_assign()
        first.move_lines.quantity_done = 3
        backorder_wizard = first.button_validate()
        self.env['stock.backorder.confirmation'].browse(backorder_wizard['res_id']).process()
        self._deliver(order.picking_ids.filtered(lambda p: p.state != 'done'))
        self.assertEqual(order.order_line.qty_delivered, 5.0)
        request = self._approved_return(4, order_line=order.order_line)
        request.sudo(self.agent).action_receive()
        returns = request._pickings()
        self.assertEqual(len(returns), 2)
        self.assertEqual(sorted(returns.mapped('move_lines.quantity_done')), [1.0, 3.0])
        self.assertEqual(order.order_line.qty_delivered, 1.0)

    def test_no_delivered_picking(self):
        service = self.env['product.product'].create({'name': '测试调试服务', 'type': 'service', 'list_price': 800.0})
        order = self._confirmed_order(service, 2)
        order.order_line.qty_delivered = 2
        request = self._approved_return(1, order_line=order.order_line)
        with self.assertRaisesRegex(UserError, 'no done delivery'), self.cr.savepoint():
            request.sudo(self.agent).action_receive()
        self.assertEqual(request.state, 'approved')
        self.assertFalse(request._pickings())

    def test_refund_credit_note_against_the_invoice(self):
        invoice = self._invoice(self.order)
        self.assertEqual(invoice.amount_total, 28250.0)
        request = self._received_return(2)
        request.sudo(self.aftersales_manager).action_refund()
        self.assertEqual(request.state, 'refunded')
        refund = request.sudo().refund_ids
        self.assertEqual(len(refund), 1)
        self.assertEqual(refund.type, 'out_refund')
        self.assertEqual(refund.state, 'open')
        self.assertEqual(refund.refund_invoice_id, invoice)
        self.assertEqual(refund.amount_untaxed, 5000.0)
        self.assertEqual(refund.amount_tax, 650.0)
        self.assertEqual(refund.amount_total, 5650.0)
        self.assertEqual(refund.amount_total, request.amount_total)
        self.assertEqual(refund.invoice_line_ids.quantity, 2.0)
        self.assertEqual(refund.invoice_line_ids.price_unit, 2500.0)
        self.assertEqual(refund.invoice_line_ids.invoice_line_tax_ids, self.vat)
        # the commission basis: salesperson, contract and the return travel with it
        self.assertEqual(refund.user_id, self.salesperson)
        self.assertEqual(refund.return_id, request)
        self.assertEqual(self.order_line.qty_invoiced, 8.0)
        self.assertEqual(request.amount_refunded, 5650.0)
        with self.assertRaisesRegex(UserError, 'already has a credit note'), self.cr.savepoint():
            request.sudo(self.aftersales_manager).action_refund()
        request.sudo(self.agent).action_close()
        self.assertEqual(request.state, 'closed')

    def test_credit_note_dated_the_refunding_users_today(self):
        # the manager 25 hours ahead of the superuser, calling without tz in the context (RPC)
        self.aftersales_manager.tz = 'Pacific/Kiritimati'
        self.env.ref('base.user_root').tz = 'Pacific/Pago_Pago'
        self._invoice(self.order)
        request = self._received_return(2)
        request.sudo(self.aftersales_manager).with_context(tz=False).action_refund()
        self.assertEqual(request.sudo().refund_ids.date_invoice,
                         fields.Date.context_today(request.sudo(self.aftersales_manager)))

    def test_contract_figures_follow_the_credit_note(self):
        self.order.action_create_contract()
        contract = self.order.contract_id
        self.assertTrue(contract)
        invoice = self._invoice(self.order)
        self.assertEqual(invoice.contract_id, contract)
        self.assertEqual(contract.amount_invoiced, 28250.0)
        self.assertEqual(contract.amount_receivable, 28250.0)
        request = self._received_return(2)
        self.assertEqual(request.contract_id, contract)
        request.sudo(self.aftersales_manager).action_refund()
        self.assertEqual(request.sudo().refund_ids.contract_id, contract)
        self.assertEqual(contract.amount_invoiced, 22600.0)
        self.assertEqual(contract.amount_receivable, 22600.0)
        self.assertEqual(contract.amount_collected, 0.0)

    def test_refund_needs_an_invoice_and_changes_nothing_without(self):
        request = self._received_return(2)
        with self.assertRaisesRegex(UserError, 'no validated customer invoice'), self.cr.savepoint():
            request.sudo(self.aftersales_manager).action_refund()
        self.assertEqual(request.state, 'received')
        self.assertFalse(self.env['account.invoice'].search([('return_id', '=', request.id)]))
        with self.assertRaisesRegex(UserError, 'not allowed'), self.cr.savepoint():
            request.sudo(self.agent).action_refund()

    def test_replace_creates_a_new_delivery(self):
        request = self._received_return(3)
        request.sudo(self.aftersales_manager).action_replace()
        self.assertEqual(request.state, 'replaced')
        delivery = request._pickings().filtered(lambda p: p.picking_type_code == 'outgoing')
        self.assertEqual(len(delivery), 1)
        self.assertEqual(delivery.picking_type_id, self.order.warehouse_id.out_type_id)
        self.assertEqual(delivery.move_lines.product_uom_qty, 3.0)
        self.assertEqual(delivery.move_lines.location_dest_id.usage, 'customer')
        self.assertIn(delivery, self.order.picking_ids, 'the order shows the replacement')
        self.assertEqual(self.order_line.qty_delivered, 7.0)
        self._deliver(delivery)
        self.assertEqual(self.order_line.qty_delivered, 10.0, 'the customer has ten again')
        self.assertFalse(self.env['account.invoice'].search([('return_id', '=', request.id)]))
        with self.assertRaisesRegex(UserError, 'already has a replacement'), self.cr.savepoint():
            request.sudo(self.aftersales_manager).action_replace()

    def test_state_machine_over_rpc(self):
        request = self._approved_return(2)
        with self.assertRaisesRegex(UserError, 'Receive Goods'), self.cr.savepoint():
            request.sudo(self.agent).write({'state': 'received'})
        with self.assertRaises(UserError), self.cr.savepoint():
            request.sudo(self.aftersales_manager).write({'state': 'refunded'})
        self.assertEqual(request.state, 'approved')
        self.assertFalse(request._pickings())
        request.sudo(self.agent).action_receive()
        with self.assertRaisesRegex(UserError, 'credit note'), self.cr.savepoint():
            request.sudo(self.aftersales_manager).write({'state': 'refunded'})
        with self.assertRaisesRegex(UserError, 'replacement'), self.cr.savepoint():
            request.sudo(self.aftersales_manager).write({'state': 'replaced'})
        with self.assertRaises(UserError), self.cr.savepoint():
            request.sudo(self.agent).write({'state': 'closed'})
        with self.assertRaises(UserError), self.cr.savepoint():
            request.sudo(self.aftersales_manager).write({'state': 'refused', 'refuse_reason': '晚了'})
        self.assertEqual(request.state, 'received')
        # the products are fixed once approved
        with self.assertRaises(UserError), self.cr.savepoint():
            request.sudo(self.agent).write({'line_ids': [(1, request.line_ids.id, {'quantity': 1})]})
