from odoo import _, api, models
from odoo.exceptions import UserError, ValidationError


class AttributeMixin(models.AbstractModel):
    """What any model carrying custom attributes (``crm.attribute``) shares.

    A model using it (``res.partner`` here; ``sale.order`` later)::

        _name = 'sale.order'
        _inherit = ['sale.order', 'crm.attribute.mixin']
        _attribute_link_field = 'sale_order_id'      # Many2one of crm.attribute.value to this model
        attribute_value_ids = fields.One2many('crm.attribute.value', 'sale_order_id', string='Attributes')

    and adds the Many2one to ``crm.attribute.value`` (extending its ``_holder_fields()``), its model
    to ``crm.attribute.applies_to`` (``selection_add``), and may narrow which attributes apply
    (``_attribute_applies``, ``_attribute_applicable_domain``, ``_attribute_records_domain``).

    The mixin then:

    * finds the attributes that apply to a record (``_applicable_attributes``);
    * gives the record an empty line for each of them (``_add_missing_attribute_values``: on create,
      when a field of ``_attribute_trigger_fields`` changes, and on forms through
      ``_attribute_lines_onchange``; new attributes reach existing records through
      ``_attribute_add_lines_for``);
    * refuses to save a record without a value for a required attribute that applies to it
      (``_check_required_attributes``, on create and when a trigger field or a value changes).
    """
    _name = 'crm.attribute.mixin'
    _description = 'Records with Custom Attributes'

    _attribute_link_field = None
    _attribute_value_field = 'attribute_value_ids'

    # ------------------------------------------------------------------
    # Which attributes apply (override to narrow)
    # ------------------------------------------------------------------
    def _attribute_applies(self):
        """Whether this record carries attributes at all."""
        return True

    def _attribute_company(self):
        return (self['company_id'] if 'company_id' in self._fields else False) or self.env.user.company_id

    def _attribute_applicable_domain(self):
        """Domain on ``crm.attribute`` of the attributes that apply to this record."""
        return [('applies_to', '=', self._name), ('company_id', 'in', [False, self._attribute_company().id])]

    def _applicable_attributes(self):
        self.ensure_one()
        if not self._attribute_applies():
            return self.env['crm.attribute']
        # as superuser: what applies does not depend on who saves the record
        return self.env['crm.attribute'].sudo().search(self._attribute_applicable_domain())

    @api.model
    def _attribute_records_domain(self, attribute):
        """Domain on this model of the records ``attribute`` applies to (the reverse of the above)."""
        if attribute.company_id and 'company_id' in self._fields:
            return [('company_id', 'in', [False, attribute.company_id.id])]
        return []

    @api.model
    def _attribute_trigger_fields(self):
        """Fields whose change may change which attributes apply or their values."""
        return [self._attribute_value_field]

    # ------------------------------------------------------------------
    # Lines
    # ------------------------------------------------------------------
    def _add_missing_attribute_values(self):
        """Add an empty value line for each applicable attribute the record has no line for."""
        Value = self.env['crm.attribute.value'].sudo()
        for record in self:
            present = record.sudo()[self._attribute_value_field].mapped('attribute_id')
            for attribute in record._applicable_attributes() - present:
                Value.create({'attribute_id': attribute.id, self._attribute_link_field: record.id})
        return True

    def _attribute_lines_onchange(self):
        """For the form's onchange: the lines of the attributes that apply now, the others kept."""
        lines = self[self._attribute_value_field]
        present = lines.mapped('attribute_id')
        for attribute in self._applicable_attributes() - present:
            lines |= lines.new({'attribute_id': attribute.id})
        self[self._attribute_value_field] = lines

    @api.model
    def _attribute_add_lines_for(self, attribute):
        """Give all existing records ``attribute`` applies to an empty line, in one SQL statement
        (a new attribute may concern every customer)."""
        link = self._attribute_link_field
        query = self.sudo()._where_calc(self._attribute_records_domain(attribute))
        from_clause, where_clause, where_params = query.get_sql()
        company = '"%s".company_id' % self._table if 'company_id' in self._fields else 'NULL'
        self.env.cr.execute("""
            INSERT INTO crm_attribute_value (attribute_id, {link}, company_id, attribute_sequence,
                                             create_uid, create_date, write_uid, write_date)
            SELECT %s, "{table}".id, {company}, %s, %s, now() AT TIME ZONE 'UTC', %s, now() AT TIME ZONE 'UTC'
              FROM {from_clause}
             WHERE {where_clause}
               AND NOT EXISTS (SELECT 1 FROM crm_attribute_value existing
                                WHERE existing.attribute_id = %s AND existing.{link} = "{table}".id)
        """.format(link=link, table=self._table, company=company, from_clause=from_clause,
                   where_clause=where_clause or 'TRUE'),
            [attribute.id, attribute.sequence, self.env.uid, self.env.uid] + where_params + [attribute.id])
        self.env['crm.attribute.value'].invalidate_cache()
        self.invalidate_cache([self._attribute_value_field])

    # ------------------------------------------------------------------
    # Required attributes
    # ------------------------------------------------------------------
    def _check_required_attributes(self):
        for record in self:
            required = record._applicable_attributes().filtered('required')
            if not required:
                continue
            filled = record.sudo()[self._attribute_value_field].filtered(lambda value: value._has_value())
            missing = required - filled.mapped('attribute_id')
            if missing:
                raise ValidationError(_('%(record)s: please fill in the required attribute(s) %(attributes)s.') % {
                    'record': record.display_name,
                    'attributes': ', '.join('"%s"' % name for name in missing.mapped('name'))})

    @api.model
    def create(self, vals):
        record = super(AttributeMixin, self).create(vals)
        record._add_missing_attribute_values()
        record._check_required_attributes()
        return record

    @api.multi
    def write(self, vals):
        result = super(AttributeMixin, self).write(vals)
        if set(vals) & set(self._attribute_trigger_fields()):
            self._add_missing_attribute_values()
            self._check_required_attributes()
        return result

    # ------------------------------------------------------------------
    # For code, imports and demo data
    # ------------------------------------------------------------------
    @api.multi
    def set_attribute_values(self, values_by_code):
        """Set attribute values by attribute code, as the current user (his rights apply)::

            partner.set_attribute_values({'annual_purchase': 5000000, 'main_industry': '机械制造',
                                          'first_cooperation': '2019-03-01', 'payment_habit': '月结60天'})

        A selection value is the name of one of the attribute's options; ``False`` clears a value.
        """
        for record in self:
            attributes = {attribute.code: attribute for attribute in record._applicable_attributes()}
            lines = {line.attribute_id: line for line in record[self._attribute_value_field]}
            commands = []
            for code, raw in values_by_code.items():
                attribute = attributes.get(code)
                if not attribute:
                    raise UserError(_('No attribute with code "%(code)s" applies to %(record)s.') % {
                        'code': code, 'record': record.display_name})
                value = record._attribute_value_vals(attribute, raw)
                line = lines.get(attribute)
                commands.append((1, line.id, value) if line else (0, 0, dict(value, attribute_id=attribute.id)))
            record.write({self._attribute_value_field: commands})
        return True

    def _attribute_value_vals(self, attribute, raw):
        if attribute.field_type != 'selection':
            field_name = {'text': 'value_text', 'number': 'value_number', 'date': 'value_date'}[attribute.field_type]
            return {field_name: raw}
        option = attribute.option_ids.filtered(lambda candidate: candidate.name == raw)
        if raw and not option:
            raise UserError(_('"%(value)s" is not an option of the attribute "%(attribute)s".') % {
                'value': raw, 'attribute': attribute.name})
        return {'value_option_id': option[:1].id}
