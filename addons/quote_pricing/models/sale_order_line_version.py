from odoo import api, models


class SaleOrderLine(models.Model):
    """The lines of a superseded quotation version are as read-only as the version itself."""
    _inherit = 'sale.order.line'

    @api.model
    def create(self, vals):
        if vals.get('order_id'):
            self.env['sale.order'].browse(vals['order_id'])._check_version_editable()
        return super(SaleOrderLine, self).create(vals)

    @api.multi
    def write(self, vals):
        self.mapped('order_id')._check_version_editable()
        return super(SaleOrderLine, self).write(vals)

    @api.multi
    def unlink(self):
        self.mapped('order_id')._check_version_editable()
        return super(SaleOrderLine, self).unlink()
