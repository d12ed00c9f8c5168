from odoo import api, fields, models


class CrmAttributeValue(models.Model):
    """Values of quotation attributes: held by ``sale_order_id``, in the quotation's company, and as
    read-only as a superseded version of the quotation."""
    _inherit = 'crm.attribute.value'

    sale_order_id = fields.Many2one('sale.order', 'Quotation', index=True, ondelete='cascade')

    _sql_constraints = [
        ('attribute_sale_order_uniq', 'unique(attribute_id, sale_order_id)',
         'A quotation has only one value per attribute.'),
    ]

    @api.model
    def _holder_fields(self):
        holders = super(CrmAttributeValue, self)._holder_fields()
        holders['sale.order'] = 'sale_order_id'
        return holders

    @api.depends('partner_id.company_id', 'sale_order_id.company_id')
    def _compute_company_id(self):
        super(CrmAttributeValue, self)._compute_company_id()
        for value in self.filtered('sale_order_id'):
            value.company_id = value.sale_order_id.company_id

    @api.constrains('sale_order_id')
    def _check_sale_order_holder(self):
        self._check_holder()

    def _check_holder_write_access(self):
        super(CrmAttributeValue, self)._check_holder_write_access()
        self.mapped('sale_order_id')._check_version_editable()

    @api.model
    def create(self, vals):
        if vals.get('sale_order_id'):
            self.env['sale.order'].browse(vals['sale_order_id'])._check_version_editable()
        return super(CrmAttributeValue, self).create(vals)
