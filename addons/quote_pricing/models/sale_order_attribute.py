from odoo import api, fields, models


class SaleOrder(models.Model):
    """Custom quote attributes (``crm.attribute`` applying to quotations) on every quotation of their
    company, through crm_lifecycle's ``crm.attribute.mixin``."""
    _name = 'sale.order'
    _inherit = ['sale.order', 'crm.attribute.mixin']
    _attribute_link_field = 'sale_order_id'

    attribute_value_ids = fields.One2many(
        'crm.attribute.value', 'sale_order_id', string='Quote Attributes', copy=True,
        default=lambda self: self._default_attribute_value_ids())

    @api.model
    def _default_attribute_value_ids(self):
        """A new quotation's form shows a line per attribute of the user's company, ready to fill in."""
        attributes = self.env['crm.attribute'].sudo().search(self.browse()._attribute_applicable_domain())
        return [(0, 0, {'attribute_id': attribute.id}) for attribute in attributes]

    @api.model
    def _attribute_records_domain(self, attribute):
        # A new attribute reaches the open quotations; confirmed orders can still get a value by hand.
        domain = super(SaleOrder, self)._attribute_records_domain(attribute)
        return domain + [('state', 'in', ('draft', 'sent'))]

    @api.model
    def _attribute_trigger_fields(self):
        return super(SaleOrder, self)._attribute_trigger_fields() + ['company_id']

    @api.onchange('company_id')
    def _onchange_attribute_lines(self):
        self._attribute_lines_onchange()

    def quote_attribute_values(self):
        """The filled-in attribute values, for the printed quotation: [(attribute name, value)]."""
        self.ensure_one()
        return [(value.attribute_id.name, value.value_display)
                for value in self.attribute_value_ids if value.value_display]
