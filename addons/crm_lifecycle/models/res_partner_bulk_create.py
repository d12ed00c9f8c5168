from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .duplicate_normalize import compact_credit_code

# Records whose stored computed fields are computed together (see _recompute_stored_in_bulk)
BULK_COMPUTE_CHUNK = 200


class ResPartner(models.Model):
    """Many customer companies created at once, for the Excel import of thousands of rows.

    ``create`` costs tens of milliseconds per customer (defaults, one INSERT, an UPDATE per stored
    computed field, constraints one by one, the avatar images, the chatter): too slow for files of
    10,000 rows. ``_create_customers_in_bulk`` gives the same records in a few statements.
    """
    _inherit = 'res.partner'

    @api.model
    def _create_customers_in_bulk(self, vals_list):
        """Create customer companies from ``vals_list`` as ``create`` would one by one, with the rules of
        this module, in a few statements; returns them in the order of ``vals_list``.

        For the Excel import only, which has checked all rows first, as the rules below do not: the
        撞单 check of each row against the database and the other rows. Like the import's ORM route
        (mail_create_nolog, mail_create_nosubscribe) the customers get no chatter note and no
        follower; unlike ``create`` no tracking message of their first values and no avatar image
        (the views show the company placeholder). ``vals`` hold stored fields only; a new override of
        ``create`` that imported customers need must be mirrored here.
        """
        if not vals_list:
            return self.browse()
        self.check_access_rights('create')
        vals_list = [self._bulk_customer_vals(vals) for vals in vals_list]
        records, names = self._insert_in_bulk(vals_list)
        # what create() does after the INSERT, for all records at once
        todo = records._fields_to_compute()
        records._cache_inserted_values(vals_list)
        records._recompute_stored_in_bulk(todo)
        records._validate_fields(names)
        records.recompute()
        records.check_access_rule('create')
        records._add_attribute_lines_in_bulk()
        return records

    def _bulk_customer_vals(self, vals):
        """The values of one customer company as the create() overrides of this module complete them."""
        vals = dict(vals, is_company=True, customer=True)
        owner_id = vals.get('user_id')
        # res_partner_ownership: a salesperson creates customers for himself or for the pool
        if owner_id and owner_id != self.env.uid and not self._is_ownership_manager():
            raise UserError(_('You may create a customer for yourself or for the public pool, '
                              'not for %s: a team lead or sales manager assigns customers.')
                            % self.env['res.users'].sudo().browse(owner_id).name)
        now = fields.Datetime.now()
        if owner_id:
            vals.setdefault('owner_since_date', now)  # res_partner_recall
        else:
            vals.setdefault('pool_entered_date', now)  # res_partner_ownership
        if vals.get('unified_credit_code'):  # res_partner_duplicate
            vals['unified_credit_code'] = compact_credit_code(vals['unified_credit_code'])
        return vals

    def _insert_in_bulk(self, vals_list):
        """One INSERT of all rows, with the defaults ``create`` adds: (the records, the fields written)."""
        assert not (self._parent_store or self._inherits), 'not for models with parent_left or _inherits'
        defaults = {name: value for name, value in self._add_missing_default_values({}).items()
                    if not self._is_empty_command(value)}
        given = set().union(*vals_list)
        columns = []
        for name in given | set(defaults):
            field = self._fields[name]
            if name not in given and not field.store:
                continue  # a default kept elsewhere (a default property): nothing to store per record
            if not (field.store and field.column_type) or field.compute or field.translate \
                    or name in models.MAGIC_COLUMNS or name == 'parent_id':
                raise ValueError('%s: %s cannot be created in bulk' % (self._name, name))
            columns.append(field)
        # create() writes False in the stored booleans it is not given
        booleans = [field for field in self._fields.values()
                    if field.type == 'boolean' and field.store and field.column_type and not field.compute
                    and field not in columns]
        self.env.cr.execute("SELECT nextval(%s) FROM generate_series(1, %s)",
                            ['%s_id_seq' % self._table, len(vals_list)])
        ids = [row[0] for row in self.env.cr.fetchall()]
        arrays = [[] for __ in columns]
        selections = set()
        for vals in vals_list:
            for values, field in zip(arrays, columns):
                value = vals[field.name] if field.name in vals else defaults.get(field.name, False)
                if getattr(field, 'selection', None) and value and (field, value) not in selections:
                    self._check_selection_field_value(field.name, value)
                    selections.add((field, value))
                values.append(field.convert_to_column(value, self, vals))
        now = fields.Datetime.now()
        names = ['id'] + [field.name for field in columns] \
            + [field.name for field in booleans] + ['create_uid', 'create_date', 'write_uid', 'write_date']
        types = ['int4'] + [field.column_type[1] for field in columns]
        self.env.cr.execute("""
            INSERT INTO "{table}" ({names})
            SELECT *, {falses} %(uid)s, %(now)s, %(uid)s, %(now)s
              FROM unnest({arrays})""".format(
            table=self._table, names=', '.join('"%s"' % name for name in names),
            falses=''.join('FALSE, ' for __ in booleans),
            arrays=', '.join('%%(a%d)s::%s[]' % (index, column_type) for index, column_type in enumerate(types))),
            dict({'a%d' % index: values for index, values in enumerate([ids] + arrays)},
                 uid=self.env.uid, now=now))
        for vals in vals_list:  # as inserted, for _cache_inserted_values
            for field in columns + booleans:
                vals.setdefault(field.name, defaults.get(field.name, False))
            vals.update(create_uid=self.env.uid, write_uid=self.env.uid, create_date=now, write_date=now)
        return self.browse(ids), {field.name for field in columns + booleans}

    def _fields_to_compute(self):
        """Mark what depends on the new records as modified, as create() does, and return the stored
        computed fields of res.partner to compute on them (taken off the ORM's list: done in chunks)."""
        self.modified(self._fields)
        todo = [field for field in self._fields.values() if field.store and field.compute
                and self._recompute_check(field)]
        for field in todo:
            self._recompute_done(field)
        return todo

    def _cache_inserted_values(self, vals_list):
        """Put the stored values of the new records in the cache, as they were inserted (nothing for the
        empty x2many and image fields either): computing the other fields then reads nothing back, while
        the ORM would read every column of res.partner (and build dicts of them) for each batch of records."""
        cache = self.env.cache._data  # {field: {id: {key: value}}}, filled as api.Cache.set() does, faster
        for field in self._fields.values():
            if not field.store or field.compute or field.name == 'id' or field.company_dependent:
                continue
            key = field.cache_key(self)  # the same for all records (api.Cache.get_records relies on it)
            values = cache[field]
            if field.type in ('one2many', 'many2many'):
                for record_id in self.ids:
                    values[record_id][key] = ()  # new records: no lines (attributes come later)
                continue
            for record_id, vals in zip(self.ids, vals_list):
                values[record_id][key] = field.convert_to_cache(vals.get(field.name, False), self, validate=False)

    @api.model
    def _is_empty_command(self, value):
        """An x2many default that adds nothing: [(6, 0, [])] or []."""
        return isinstance(value, list) and all(
            isinstance(command, (list, tuple)) and command[0] == 6 and not command[2] for command in value)

    def _recompute_stored_in_bulk(self, todo):
        """Compute the stored computed fields ``todo`` of these new records and write all their values with
        one UPDATE (the ORM writes them record by record when their values differ).

        In chunks: each computed value the ORM puts in its cache looks at all the records cached for the
        fields that depend on it, which takes quadratic time on thousands of records at once.
        """
        values = {field: {} for field in todo}
        for start in range(0, len(self), BULK_COMPUTE_CHUNK):
            chunk = self.browse(self.ids[start:start + BULK_COMPUTE_CHUNK])
            for field in todo:
                chunk._recompute_todo(field)
            for record in chunk:
                for field in todo:
                    value = record[field.name]  # the first access computes the field for the whole chunk
                    values[field][record.id] = field.convert_to_column(field.convert_to_write(value, record), record)
            for field in todo:
                chunk._recompute_done(field)
            chunk.invalidate_cache([field.name for field in todo], chunk.ids)
        written = [field for field in todo if values[field]]
        if not written:
            return
        self.env.cr.execute("""
            UPDATE "{table}" SET {assignments}
              FROM unnest(%(ids)s::int4[], {arrays}) AS new(id, {names})
             WHERE "{table}".id = new.id""".format(
            table=self._table,
            assignments=', '.join('"%s" = new."%s"' % (field.name, field.name) for field in written),
            arrays=', '.join('%%(f%d)s::%s[]' % (index, field.column_type[1]) for index, field in enumerate(written)),
            names=', '.join('"%s"' % field.name for field in written)),
            dict({'f%d' % index: [values[field].get(record_id) for record_id in self.ids]
                  for index, field in enumerate(written)}, ids=self.ids))

    def _add_attribute_lines_in_bulk(self):
        """``_add_missing_attribute_values`` and ``_check_required_attributes`` of the attribute mixin for
        new records: an empty line per applicable attribute, refused if one of them is required."""
        Attribute = self.env['crm.attribute'].sudo()
        Value = self.env['crm.attribute.value'].sudo()
        for attribute in Attribute.search([('applies_to', '=', self._name)]):
            applicable = self.sudo().search(self._attribute_records_domain(attribute) + [('id', 'in', self.ids)])
            if not applicable:
                continue
            if attribute.required:
                raise ValidationError(_('%(record)s: please fill in the required attribute(s) %(attributes)s.') % {
                    'record': applicable[0].display_name, 'attributes': '"%s"' % attribute.name})
            self.env.cr.execute("""
                INSERT INTO crm_attribute_value (attribute_id, partner_id, company_id, attribute_sequence,
                                                 create_uid, create_date, write_uid, write_date)
                SELECT %s, partner.id, partner.company_id, %s, %s, now() AT TIME ZONE 'UTC',
                       %s, now() AT TIME ZONE 'UTC'
                  FROM res_partner partner WHERE partner.id = ANY(%s)""",
                                (attribute.id, attribute.sequence, self.env.uid, self.env.uid, applicable.ids))
        Value.invalidate_cache()
        self.invalidate_cache(['attribute_value_ids'])
