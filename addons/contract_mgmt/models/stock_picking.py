from odoo import api, models

from odoo.addons.crm_lifecycle.models.caller_time_zone import user_day


class StockPicking(models.Model):
    _inherit = 'stock.picking'

    @api.multi
    def action_done(self):
        result = super(StockPicking, self).action_done()
        self._trigger_delivery_instalments()
        return result

    def _trigger_delivery_instalments(self):
        """Once everything an order (or a contract's orders) ships is delivered, its instalments due on
        delivery fall due, counted from the last delivery."""
        orders = self.filtered(lambda p: p.picking_type_code == 'outgoing' and p.state == 'done').mapped('sale_id')
        documents = list(orders.mapped('contract_id')) + list(orders.filtered(lambda o: not o.contract_id))
        for document in documents:
            document_orders = document.sale_order_ids if document._name == 'sale.contract' else document
            pickings = document_orders.mapped('picking_ids').filtered(lambda p: p.picking_type_code == 'outgoing')
            if pickings and all(p.state in ('done', 'cancel') for p in pickings):
                last = max(pickings.filtered(lambda p: p.state == 'done').mapped('date_done'))
                document.sudo().payment_plan_ids._set_due_from_trigger('delivery', user_day(self, last))
