from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .crm_attribute import ATTRIBUTE_FIELD_TYPES

VALUE_FIELDS = {
    'text': 'value_text',
    'number': 'value_number',
    'date': 'value_date',
    'selection': 'value_option_id',
}


class CrmAttributeValue(models.Model):
    """The value of one custom attribute on one record (a customer; later modules add quotes).

    The value sits in the column of the attribute's type; ``value_display`` repeats it as text,
    stored and indexed, for searching, grouping and export. Each record that carries attributes
    has a Many2one here (``partner_id``; modules add theirs and extend ``_holder_fields()``).
    Whoever may write the record may write its values.
    """
    _name = 'crm.attribute.value'
    _description = 'Custom Attribute Value'
    _order = 'attribute_sequence, attribute_id, id'

    # crm.attribute.unlink() refuses attributes with values: only empty lines go with an attribute
    attribute_id = fields.Many2one('crm.attribute', 'Attribute', required=True, index=True, ondelete='cascade')
    attribute_sequence = fields.Integer(related='attribute_id.sequence', store=True, readonly=True)
    field_type = fields.Selection(ATTRIBUTE_FIELD_TYPES, related='attribute_id.field_type', readonly=True)
    attribute_required = fields.Boolean(related='attribute_id.required', string='Required', readonly=True)
    value_text = fields.Char('Text')
    value_number = fields.Float('Number')
    value_date = fields.Date('Date')
    # crm.attribute.option.unlink() refuses options in use
    value_option_id = fields.Many2one('crm.attribute.option', 'Option', ondelete='set null',
                                      domain="[('attribute_id', '=', attribute_id)]")
    value_display = fields.Char('Value', compute='_compute_value_display', store=True, index=True,
                                help='The value as text, whatever the type: for search, group by and export.')
    partner_id = fields.Many2one('res.partner', 'Customer', index=True, ondelete='cascade')
    company_id = fields.Many2one('res.company', 'Company', compute='_compute_company_id', store=True, index=True)

    _sql_constraints = [
        ('attribute_partner_uniq', 'unique(attribute_id, partner_id)',
         'A customer has only one value per attribute.'),
    ]

    @api.model
    def _holder_fields(self):
        """{model of the records carrying attributes: Many2one of this model to them}; modules add theirs."""
        return {'res.partner': 'partner_id'}

    def _holders(self):
        """The records these values belong to, one recordset per model."""
        return [self.mapped(field_name) for field_name in self._holder_fields().values()]

    @api.depends('attribute_id.field_type', 'value_text', 'value_number', 'value_date', 'value_option_id.name')
    def _compute_value_display(self):
        for value in self:
            field_type = value.attribute_id.field_type
            if field_type == 'number':
                # Odoo stores no empty number: 0 counts as not filled in.
                display = ('%f' % value.value_number).rstrip('0').rstrip('.') if value.value_number else False
            elif field_type == 'selection':
                display = value.value_option_id.name
            elif field_type == 'date':
                display = value.value_date
            else:
                display = (value.value_text or '').strip()
            value.value_display = display or False

    @api.depends('partner_id.company_id')
    def _compute_company_id(self):
        for value in self:
            value.company_id = value.partner_id.company_id

    @api.multi
    def name_get(self):
        return [(value.id, '%s: %s' % (value.attribute_id.name, value.value_display or ''))
                for value in self]

    @api.onchange('attribute_id')
    def _onchange_attribute_id(self):
        for field_name in VALUE_FIELDS.values():
            if field_name != VALUE_FIELDS.get(self.attribute_id.field_type):
                self[field_name] = False

    # ------------------------------------------------------------------
    # Rules
    # ------------------------------------------------------------------
    @api.constrains('attribute_id', 'value_text', 'value_number', 'value_date', 'value_option_id')
    def _check_value_type(self):
        type_labels = dict(self._fields['field_type']._description_selection(self.env))
        for value in self:
            attribute = value.attribute_id
            own_field = VALUE_FIELDS[attribute.field_type]
            if any(value[field_name] for field_name in VALUE_FIELDS.values() if field_name != own_field):
                raise ValidationError(_('"%(attribute)s" is an attribute of type %(type)s: '
                                        'its value must be a %(type)s value.') % {
                                            'attribute': attribute.name,
                                            'type': type_labels[attribute.field_type]})
            if value.value_option_id and value.value_option_id.attribute_id != attribute:
                raise ValidationError(_('"%(option)s" is not an option of the attribute "%(attribute)s".') % {
                    'option': value.value_option_id.name, 'attribute': attribute.name})

    @api.constrains('attribute_id', 'partner_id')
    def _check_holder(self):
        """A value belongs to exactly one record, of the kind of records its attribute applies to."""
        applies_labels = dict(self.env['crm.attribute']._fields['applies_to']._description_selection(self.env))
        for value in self:
            holders = [(model, value[field_name]) for model, field_name in self._holder_fields().items()
                       if value[field_name]]
            if len(holders) != 1:
                raise ValidationError(_('The value of the attribute "%s" must belong to exactly one record.')
                                      % value.attribute_id.name)
            if holders[0][0] != value.attribute_id.applies_to:
                raise ValidationError(_('The attribute "%(attribute)s" applies to %(kind)s only.') % {
                    'attribute': value.attribute_id.name,
                    'kind': applies_labels.get(value.attribute_id.applies_to, value.attribute_id.applies_to)})

    def _has_value(self):
        self.ensure_one()
        return bool(self.value_display)

    def _check_holder_write_access(self):
        """Values follow their record: whoever may write the customer may write its values."""
        for holders in self._holders():
            if holders:
                holders.check_access_rights('write')
                holders.check_access_rule('write')

    @api.model
    def create(self, vals):
        for model, field_name in self._holder_fields().items():
            if vals.get(field_name):
                holder = self.env[model].browse(vals[field_name])
                holder.check_access_rights('write')
                holder.check_access_rule('write')
        return super(CrmAttributeValue, self).create(vals)

    @api.multi
    def write(self, vals):
        self._check_holder_write_access()
        result = super(CrmAttributeValue, self).write(vals)
        self._check_holder_write_access()
        if set(vals) & (set(VALUE_FIELDS.values()) | {'attribute_id'}):
            for holders in self._holders():
                holders._check_required_attributes()
        return result

    @api.multi
    def unlink(self):
        self._check_holder_write_access()
        holders_by_model = self._holders()
        result = super(CrmAttributeValue, self).unlink()
        for holders in holders_by_model:
            holders.exists()._check_required_attributes()
        return result
