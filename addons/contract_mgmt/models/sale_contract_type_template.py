from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class SaleContractType(models.Model):
    """The template a new contract of this type starts with."""
    _inherit = 'sale.contract.type'

    default_template_id = fields.Many2one(
        'sale.contract.template', string='Default Template', ondelete='set null',
        domain="['|', ('contract_type_id', '=', False), ('contract_type_id', '=', id)]",
        help='The template proposed for new contracts of this type.')

    @api.constrains('default_template_id')
    def _check_default_template_type(self):
        for contract_type in self.filtered('default_template_id'):
            template_type = contract_type.default_template_id.contract_type_id
            if template_type and template_type != contract_type:
                raise ValidationError(_('Template %(template)s is for contracts of type %(other)s, not %(type)s.') % {
                    'template': contract_type.default_template_id.name, 'other': template_type.name,
                    'type': contract_type.name})
