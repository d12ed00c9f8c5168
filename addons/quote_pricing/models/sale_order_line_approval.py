from odoo import _, api, models
from odoo.exceptions import UserError, ValidationError

# Writing one of these on a line changes what a price approval approved.
PRICED_FIELDS = {'product_id', 'product_uom_qty', 'product_uom', 'price_unit', 'discount', 'tax_id'}


class SaleOrderLine(models.Model):
    """The lines of a quotation under price review are frozen; changing an approved line asks for approval
    again; a confirmed order's prices do not go below floor or above the discount limit afterwards."""
    _inherit = 'sale.order.line'

    @api.constrains('price_unit', 'product_uom_qty')
    def _check_quoted_values(self):
        for line in self.filtered(lambda l: l.product_id and l.order_id.state in ('draft', 'sent')):
            if line.price_unit < 0:
                raise ValidationError(_('The unit price of %s cannot be negative on a quotation.')
                                      % line.product_id.display_name)
            if line.product_uom_qty <= 0:
                raise ValidationError(_('The quantity of %s must be greater than zero.')
                                      % line.product_id.display_name)

    def _check_not_under_review(self, orders):
        for order in orders.filtered(lambda o: o.price_approval_state == 'to_approve'):
            raise UserError(_('The prices of %s are being reviewed: wait for the decision before changing its '
                              'lines.') % order.name)

    @api.model
    def create(self, vals):
        order = self.env['sale.order'].browse(vals.get('order_id'))
        self._check_not_under_review(order)
        line = super(SaleOrderLine, self).create(vals)
        line.order_id._reset_price_approval()
        return line

    @api.multi
    def write(self, vals):
        priced = PRICED_FIELDS & set(vals)
        if priced:
            self._check_not_under_review(self.mapped('order_id'))
        result = super(SaleOrderLine, self).write(vals)
        if priced:
            self.mapped('order_id')._reset_price_approval()
            self._check_confirmed_prices()
        return result

    @api.multi
    def unlink(self):
        orders = self.mapped('order_id')
        self._check_not_under_review(orders)
        result = super(SaleOrderLine, self).unlink()
        orders.exists()._reset_price_approval()
        return result

    def _check_confirmed_prices(self):
        """After confirmation nobody asks for approval any more: a price change that would have needed one is
        refused (sales managers excepted), so that confirming first and lowering the price after cannot pass."""
        confirmed = self.mapped('order_id').filtered(lambda order: order.state in ('sale', 'done'))
        if confirmed and not self.env.user.has_group('sales_team.group_sale_manager'):
            confirmed._check_price_rules_after_confirmation()
