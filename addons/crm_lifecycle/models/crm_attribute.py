from odoo import _, api, fields, models
from .trusted_context import is_module_uninstall
from odoo.exceptions import UserError, ValidationError

ATTRIBUTE_FIELD_TYPES = [
    ('text', 'Text'),
    ('number', 'Number'),
    ('date', 'Date'),
    ('selection', 'Selection'),
]


class CrmAttribute(models.Model):
    """A custom attribute that a sales manager defines for customers (and, in later modules, quotes).

    Records carrying attributes use ``crm.attribute.mixin``; their values are ``crm.attribute.value``
    lines. ``applies_to`` names the model of those records; modules add theirs with ``selection_add``.
    """
    _name = 'crm.attribute'
    _description = 'Custom Attribute'
    _order = 'sequence, id'

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help='Short technical name, unique per company, used by imports and code.')
    field_type = fields.Selection(ATTRIBUTE_FIELD_TYPES, 'Type', required=True, default='text')
    required = fields.Boolean(help='Records this attribute applies to cannot be saved without a value for it.')
    option_ids = fields.One2many('crm.attribute.option', 'attribute_id', string='Options', copy=True)
    applies_to = fields.Selection([('res.partner', 'Customer')], 'Applies to', required=True, default='res.partner')
    customer_category_ids = fields.Many2many(
        'crm.customer.category', string='Customer Categories',
        help='The attribute applies to customers of these categories only; empty: to all customers.')
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        'res.company', 'Company', index=True,
        default=lambda self: self.env['res.company']._company_default_get('crm.attribute'),
        help='Empty: the attribute is shared by all companies.')
    value_count = fields.Integer(compute='_compute_value_count', string='Values')

    _sql_constraints = [
        ('code_company_uniq', 'unique(code, company_id)', 'The attribute code must be unique per company.'),
    ]

    def _compute_value_count(self):
        groups = self.env['crm.attribute.value'].read_group(
            [('attribute_id', 'in', self.ids), ('value_display', '!=', False)], ['attribute_id'], ['attribute_id'])
        counts = {group['attribute_id'][0]: group['attribute_id_count'] for group in groups}
        for attribute in self:
            attribute.value_count = counts.get(attribute.id, 0)

    @api.constrains('field_type', 'option_ids')
    def _check_options(self):
        for attribute in self:
            if attribute.field_type == 'selection' and not attribute.option_ids:
                raise ValidationError(_('The selection attribute "%s" needs at least one option.') % attribute.name)

    def _filled_values(self):
        return self.env['crm.attribute.value'].sudo().search(
            [('attribute_id', 'in', self.ids), ('value_display', '!=', False)])

    @api.model
    def create(self, vals):
        attribute = super(CrmAttribute, self).create(vals)
        attribute._add_lines_to_existing_records()
        return attribute

    @api.multi
    def write(self, vals):
        changed = self.browse()
        for key in ('field_type', 'applies_to'):
            if key in vals:
                changed |= self.filtered(lambda attribute: attribute[key] != vals[key])
        if changed._filled_values():
            raise UserError(_('The type and the kind of records of an attribute that has values cannot change: '
                              'archive it and create a new one.'))
        result = super(CrmAttribute, self).write(vals)
        if 'applies_to' in vals:
            # the empty lines of the records it no longer applies to
            self.env['crm.attribute.value'].sudo().search([('attribute_id', 'in', changed.ids)]).unlink()
        if {'applies_to', 'customer_category_ids', 'company_id', 'active'} & set(vals):
            self._add_lines_to_existing_records()
        return result

    @api.multi
    def unlink(self):
        # the empty lines go with the attribute (ondelete cascade); uninstalling the module removes all
        if not is_module_uninstall(self.env) and self._filled_values():
            raise UserError(_('Attributes with values cannot be deleted: archive them instead.'))
        return super(CrmAttribute, self).unlink()

    def _add_lines_to_existing_records(self):
        """Give every record the attribute applies to an empty line, ready to fill in on its form."""
        for attribute in self.filtered('active'):
            self.env[attribute.applies_to]._attribute_add_lines_for(attribute)
