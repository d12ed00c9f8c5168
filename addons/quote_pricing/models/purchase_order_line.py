from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class PurchaseOrderLine(models.Model):
    """The supplier's answer to an inquiry: the price (price_unit) and the lead time in days.

    The lead time is a number of days (as product.supplierinfo.delay, which choosing the answer updates)
    rather than date_planned: Odoo computes and moves the scheduled date itself, and a supplier answers
    "4 weeks", not a date."""
    _inherit = 'purchase.order.line'

    # The reference prices of a quotation line look purchases up by product.
    product_id = fields.Many2one(index=True)
    inquiry_sale_line_id = fields.Many2one(
        'sale.order.line', 'Inquiry for Quotation Line', index=True, readonly=True, copy=False,
        ondelete='set null', help='The quotation line the supplier is asked a price for.')
    inquiry_lead_days = fields.Integer(
        'Lead Time (Days)', copy=False,
        help="The supplier's answer: days between the order and the receipt of the goods.")
    inquiry_choice = fields.Selection(
        [('chosen', 'Chosen'), ('not_chosen', 'Not Chosen')], 'Inquiry Result', readonly=True, copy=False,
        help="Chosen: the quotation's cost comes from this answer. Not chosen: another supplier's answer was "
             "chosen for this quotation line.")

    @api.constrains('inquiry_lead_days')
    def _check_inquiry_lead_days(self):
        if any(line.inquiry_lead_days < 0 for line in self):
            raise ValidationError(_('A lead time cannot be negative.'))
