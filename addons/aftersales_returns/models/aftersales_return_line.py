from odoo import _, api, fields, models
from odoo.addons import decimal_precision as dp
from odoo.exceptions import ValidationError
from odoo.tools import float_compare, float_round
# Uninstalling the module deletes its demo and data records whatever their state.
from odoo.addons.crm_lifecycle.models.trusted_context import is_module_uninstall

from .aftersales_return import PENDING_STATES


class AftersalesReturnLine(models.Model):
    """One order line being returned, and how much of it."""
    _name = 'aftersales.return.line'
    _description = 'Return Request Line'
    _order = 'return_id, id'

    return_id = fields.Many2one('aftersales.return', string='Return Request', required=True, index=True,
                                ondelete='cascade')
    sale_line_id = fields.Many2one('sale.order.line', string='Order Line', required=True, index=True,
                                   ondelete='restrict')
    product_id = fields.Many2one('product.product', related='sale_line_id.product_id', store=True, readonly=True)
    product_uom_id = fields.Many2one('product.uom', string='Unit of Measure', related='sale_line_id.product_uom',
                                     readonly=True)
    qty_delivered = fields.Float(related='sale_line_id.qty_delivered', string='Delivered', readonly=True)
    quantity = fields.Float('Quantity to Return', required=True, default=1.0,
                            digits=dp.get_precision('Product Unit of Measure'))
    company_id = fields.Many2one('res.company', related='return_id.company_id', store=True, readonly=True,
                                 index=True)
    currency_id = fields.Many2one('res.currency', related='sale_line_id.currency_id', readonly=True)
    price_unit = fields.Monetary(
        'Unit Price (tax incl.)', related='sale_line_id.price_reduce_taxinc', store=True, readonly=True,
        help="The order line's unit price after discount, taxes included.")
    amount = fields.Monetary('Amount', compute='_compute_amount', store=True)

    @api.depends('quantity', 'price_unit')
    def _compute_amount(self):
        for line in self:
            line.amount = line.currency_id.round(line.quantity * line.price_unit) if line.currency_id \
                else line.quantity * line.price_unit

    @api.model
    def create(self, vals):
        line = super(AftersalesReturnLine, self).create(vals)
        line.return_id._check_draft()
        return line

    @api.multi
    def write(self, vals):
        self.mapped('return_id')._check_draft()
        res = super(AftersalesReturnLine, self).write(vals)
        if 'return_id' in vals:
            self.mapped('return_id')._check_draft()
        return res

    @api.multi
    def unlink(self):
        if not is_module_uninstall(self.env):
            self.mapped('return_id')._check_draft()
        return super(AftersalesReturnLine, self).unlink()

    @api.multi
    def _returnable_quantity(self):
        """Delivered quantity of the order line minus what other pending returns will take back.

        The delivered quantity already excludes goods received back (the return picking's moves are
        "to refund") and includes replacement deliveries; requests still draft or approved are counted here.
        """
        self.ensure_one()
        others = self.sudo().search([
            ('sale_line_id', '=', self.sale_line_id.id),
            ('id', '!=', self.id),
            ('return_id.state', 'in', PENDING_STATES),
        ])
        return self.sale_line_id.sudo().qty_delivered - sum(others.mapped('quantity'))

    @api.constrains('quantity', 'sale_line_id', 'return_id')
    def _check_quantity(self):
        # sudo: the rule holds across every request on the order line, also those the user cannot see.
        for line in self.sudo():
            rounding = line.sale_line_id.product_uom.rounding or 0.001
            product = line.sale_line_id.product_id.display_name
            if line.sale_line_id.order_id != line.return_id.sale_order_id:
                raise ValidationError(_('%(product)s is not on sales order %(order)s.') % {
                    'product': product, 'order': line.return_id.sale_order_id.name})
            if float_compare(line.quantity, 0.0, precision_rounding=rounding) <= 0:
                raise ValidationError(_('The quantity of %s to return must be greater than zero.') % product)
            returnable = line._returnable_quantity()
            if float_compare(line.quantity, returnable, precision_rounding=rounding) > 0:
                raise ValidationError(_(
                    'Cannot return %(quantity)s %(uom)s of %(product)s: only %(returnable)s %(uom)s can still '
                    'be returned (delivered quantity minus other return requests).') % {
                        'quantity': '%g' % float_round(line.quantity, precision_rounding=rounding),
                        'uom': line.sale_line_id.product_uom.name,
                        'product': product,
                        'returnable': '%g' % float_round(max(returnable, 0.0), precision_rounding=rounding),
                })
