from odoo import fields, models


class PurchaseOrder(models.Model):
    """A request for quotation made from a quotation's supplier inquiry (询价)."""
    _inherit = 'purchase.order'

    sale_order_id = fields.Many2one(
        'sale.order', 'Inquiry for Quotation', index=True, readonly=True, copy=False, ondelete='set null',
        help='The quotation whose supplier inquiry created this request for quotation.')
    inquiry_user_id = fields.Many2one(
        'res.users', 'Inquiry by', readonly=True, copy=False,
        help='Who asked for this supplier inquiry (the RFQ itself is created by the system).')
