from odoo import models


class SaleOrderLine(models.Model):
    _inherit = 'sale.order.line'

    def _prepare_contract_line_values(self):
        return {
            'sequence': self.sequence,
            'product_id': self.product_id.id,
            'name': self.name,
            'product_uom_qty': self.product_uom_qty,
            'product_uom': self.product_uom.id,
            'price_unit': self.price_unit,
            'discount': self.discount,
            'tax_ids': [(6, 0, self.tax_id.ids)],
            'purchase_price': self.purchase_price,
            'sale_line_id': self.id,
        }
