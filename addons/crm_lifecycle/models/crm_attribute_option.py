from odoo import _, api, fields, models
from .trusted_context import is_module_uninstall
from odoo.exceptions import UserError


class CrmAttributeOption(models.Model):
    """One choice of a selection attribute (e.g. 机械制造 for 主营行业).

    The name is not translated: it is the value stored, searched and exported.
    """
    _name = 'crm.attribute.option'
    _description = 'Custom Attribute Option'
    _order = 'sequence, id'

    name = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    attribute_id = fields.Many2one('crm.attribute', 'Attribute', required=True, index=True, ondelete='cascade')
    # the attribute's company, stored for the record rule: another company's options stay hidden
    company_id = fields.Many2one(related='attribute_id.company_id', store=True, index=True, readonly=True)

    _sql_constraints = [
        ('name_attribute_uniq', 'unique(name, attribute_id)', 'The options of an attribute must differ.'),
    ]

    @api.multi
    def unlink(self):
        if is_module_uninstall(self.env):
            return super(CrmAttributeOption, self).unlink()
        used = self.env['crm.attribute.value'].sudo().search([('value_option_id', 'in', self.ids)], limit=1)
        if used:
            raise UserError(_('The option "%s" is in use and cannot be deleted.') % used.value_option_id.name)
        return super(CrmAttributeOption, self).unlink()
