from odoo import api, fields, models


class ResPartner(models.Model):
    """Custom attributes (``crm.attribute``) of customer companies, by customer category."""
    _name = 'res.partner'
    _inherit = ['res.partner', 'crm.attribute.mixin']
    _attribute_link_field = 'partner_id'

    attribute_value_ids = fields.One2many('crm.attribute.value', 'partner_id', string='Attributes', copy=True)

    def _attribute_applies(self):
        return self._is_company_customer()

    def _attribute_applicable_domain(self):
        """Attributes without categories apply to all customers, the others to their categories'."""
        return super(ResPartner, self)._attribute_applicable_domain() + [
            '|', ('customer_category_ids', '=', False),
            ('customer_category_ids', 'in', self.customer_category_id.ids)]

    @api.model
    def _attribute_records_domain(self, attribute):
        domain = super(ResPartner, self)._attribute_records_domain(attribute)
        domain += [('is_company', '=', True), ('customer', '=', True)]
        if attribute.customer_category_ids:
            domain += [('customer_category_id', 'in', attribute.customer_category_ids.ids)]
        return domain

    @api.model
    def _attribute_trigger_fields(self):
        return super(ResPartner, self)._attribute_trigger_fields() + ['customer_category_id', 'is_company',
                                                                      'customer']

    @api.onchange('customer_category_id', 'is_company', 'customer')
    def _onchange_attribute_lines(self):
        self._attribute_lines_onchange()
