from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class CrmLeadProduct(models.Model):
    """A product the customer is interested in (意向产品), with the quantity and price expected."""
    _name = 'crm.lead.product'
    _description = 'Product of Interest'
    _order = 'lead_id, sequence, id'

    lead_id = fields.Many2one('crm.lead', 'Opportunity', required=True, index=True, ondelete='cascade')
    sequence = fields.Integer(default=10)
    product_id = fields.Many2one('product.product', 'Product', required=True, index=True, ondelete='restrict')
    description = fields.Char()
    quantity = fields.Float(default=1.0, digits=(16, 2))
    uom_id = fields.Many2one('product.uom', 'Unit', ondelete='restrict')
    price_unit = fields.Float('Expected Unit Price', digits=(16, 2))
    amount = fields.Float('Expected Amount', compute='_compute_amount', store=True, digits=(16, 2))
    company_id = fields.Many2one(related='lead_id.company_id', store=True, readonly=True, index=True)

    @api.depends('quantity', 'price_unit')
    def _compute_amount(self):
        for line in self:
            line.amount = line.quantity * line.price_unit

    @api.constrains('quantity', 'price_unit')
    def _check_positive(self):
        for line in self:
            if line.quantity <= 0:
                raise ValidationError(_('The quantity of %s must be greater than zero.') % line.product_id.display_name)
            if line.price_unit < 0:
                raise ValidationError(_('The expected price of %s cannot be negative.') % line.product_id.display_name)

    @api.onchange('product_id')
    def _onchange_product_id(self):
        if self.product_id:
            self.uom_id = self.product_id.uom_id
            self.price_unit = self.product_id.lst_price
            self.description = self.product_id.display_name
