from odoo import api, models


class AftersalesReturnDemo(models.AbstractModel):
    """Builds the demo returns through the real steps (delivery, invoice, return picking, credit note), so
    that the demo database holds real pickings and credit notes. Called from demo/ only."""
    _name = 'aftersales.return.demo'
    _description = 'Return Request Demo Builder'

    @api.model
    def _deliver_and_invoice(self, order_xmlids):
        for xmlid in order_xmlids:
            order = self.env.ref(xmlid)
            if order.state in ('draft', 'sent'):
                order.action_confirm()
            for picking in order.picking_ids.filtered(lambda p: p.state not in ('done', 'cancel')):
                picking.action_assign()
                for move in picking.move_lines:
                    move.quantity_done = move.product_uom_qty
                picking.action_done()
            if not order.invoice_ids:
                self.env['account.invoice'].browse(order.action_invoice_create()).action_invoice_open()

    @api.model
    def _walk(self, return_xmlid, steps, refuse_reason=None):
        """Move a demo request through ``steps`` (method names), as the superuser loading the demo."""
        request = self.env.ref(return_xmlid)
        for step in steps:
            if step == 'action_refuse':
                request.action_refuse(reason=refuse_reason)
            else:
                getattr(request, step)()
        return True
