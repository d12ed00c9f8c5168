from odoo import _, api, fields, models
from odoo.addons.crm_lifecycle.models.trusted_context import trusted_flag
from odoo.exceptions import UserError
from odoo.tools import float_compare, html_escape
from odoo.tools.misc import formatLang

# Set, as the superuser, by the revision mechanism on its own writes of superseded versions.
REVISION_FLAG = 'quote_revision_mechanism'
# What stays writable on a superseded version: its chatter, activities, portal link and how it is printed.
VERSION_FREE_FIELDS = {'access_token', 'website_message_ids', 'quote_print_template', 'quote_print_lang'}
VERSION_FREE_PREFIXES = ('message_', 'activity_')
REVISABLE_STATES = ('draft', 'sent', 'cancel')


def _version_free(field_name):
    return field_name in VERSION_FREE_FIELDS or field_name.startswith(VERSION_FREE_PREFIXES)


class SaleOrder(models.Model):
    """Quotation versions on top of OCA sale_order_revision.

    ``create_revision`` copies the quotation into the next version (SO001-01, SO001-02, …) and cancels and
    archives the old one, which points to the newest version (``current_revision_id``); the newest version
    lists all older ones (``old_revision_ids``). Here: old versions are read-only, only the newest version
    can be revised or confirmed, and each version shows what changed since the previous one.
    """
    _inherit = 'sale.order'

    quote_version_label = fields.Char(
        'Version', compute='_compute_quote_version_label', store=True,
        help='v1 for the first version of a quotation, v2 for its first revision, and so on.')
    is_superseded_version = fields.Boolean(
        'Previous Version', compute='_compute_is_superseded_version',
        help='A newer version of this quotation exists: this one is read-only and cannot be confirmed.')
    old_revision_count = fields.Integer('Previous Versions', compute='_compute_old_revision_count')
    quote_version_changes = fields.Html(
        'Changes to the Previous Version', compute='_compute_quote_version_changes', sanitize=False,
        help='Lines added, removed or changed, totals, payment terms and expiration date compared with the '
             'previous version.')

    @api.depends('revision_number')
    def _compute_quote_version_label(self):
        for order in self:
            order.quote_version_label = 'v%d' % ((order.revision_number or 0) + 1)

    @api.depends('current_revision_id', 'active')
    def _compute_is_superseded_version(self):
        for order in self:
            order.is_superseded_version = order._is_superseded_version()

    @api.depends('old_revision_ids')
    def _compute_old_revision_count(self):
        for order in self:
            order.old_revision_count = len(order.with_context(active_test=False).old_revision_ids)

    def _is_superseded_version(self):
        """A version replaced by a newer one: OCA archives it and links it to the newest version."""
        self.ensure_one()
        return bool(self.current_revision_id) and not self.active

    def _newer_version_exists(self):
        self.ensure_one()
        if self.current_revision_id:
            return True
        if not self.id or not self.unrevisioned_name:
            return False
        # sudo: a rule on the versions, whoever may read them
        return bool(self.sudo().with_context(active_test=False).search_count([
            ('unrevisioned_name', '=', self.unrevisioned_name), ('company_id', '=', self.company_id.id),
            ('revision_number', '>', self.revision_number)]))

    def _check_latest_version(self, action):
        for order in self:
            if order._newer_version_exists():
                newest = order.sudo().current_revision_id
                raise UserError(_('%(order)s (%(version)s) is a previous version of the quotation: '
                                  'only its latest version %(latest)s can be %(action)s.') % {
                    'order': order.name, 'version': order.quote_version_label,
                    'latest': newest.name or order.unrevisioned_name, 'action': action})

    # ------------------------------------------------------------------
    # Old versions are read-only
    # ------------------------------------------------------------------
    def _check_version_editable(self):
        """Refuse changing a superseded version (its lines and attributes included)."""
        if trusted_flag(self.env, REVISION_FLAG):
            return True
        for order in self:
            if order._is_superseded_version():
                raise UserError(_('%(order)s is version %(version)s of quotation %(quotation)s and has been '
                                  'replaced by %(latest)s: previous versions cannot be changed.') % {
                    'order': order.name, 'version': order.quote_version_label,
                    'quotation': order.unrevisioned_name, 'latest': order.sudo().current_revision_id.name})
        return True

    @api.multi
    def write(self, vals):
        if any(not _version_free(field_name) for field_name in vals):
            self._check_version_editable()
        return super(SaleOrder, self).write(vals)

    @api.multi
    def unlink(self):
        if not trusted_flag(self.env, REVISION_FLAG):
            for order in self:
                if order.current_revision_id or order.with_context(active_test=False).old_revision_ids:
                    raise UserError(_('%s belongs to a quotation with several versions: its versions are kept. '
                                      'Cancel it instead.') % order.name)
        return super(SaleOrder, self).unlink()

    @api.returns('self', lambda value: value.id)
    @api.multi
    def copy(self, default=None):
        # A duplicate of an old version is a new, active quotation, not a version of the old one.
        default = dict(default or {})
        default.setdefault('current_revision_id', False)
        default.setdefault('active', True)
        return super(SaleOrder, self).copy(default=default)

    # ------------------------------------------------------------------
    # Revising
    # ------------------------------------------------------------------
    def _check_revisable(self):
        states = dict(self._fields['state']._description_selection(self.env))
        for order in self:
            order._check_latest_version(_('revised'))
            if order.state not in REVISABLE_STATES:
                raise UserError(_('%(order)s is %(state)s: only quotations (draft, sent or cancelled) can be '
                                  'revised.') % {'order': order.name, 'state': states.get(order.state)})
        self.check_access_rights('write')
        self.check_access_rule('write')

    @api.multi
    def copy_revision_with_context(self):
        self.ensure_one()
        self._check_revisable()
        # OCA relinks the older versions to the new one as the user, but they are read-only: unlink them
        # before and relink them after, as the trusted revision mechanism.
        trusted = self.env['sale.order'].sudo().with_context(**{REVISION_FLAG: True, 'active_test': False})
        older = trusted.browse(self.with_context(active_test=False).old_revision_ids.ids)
        older.write({'current_revision_id': False})
        self.invalidate_cache(['old_revision_ids'], self.ids)
        new_revision = super(SaleOrder, self).copy_revision_with_context()
        older.write({'current_revision_id': new_revision.id})
        # Odoo does not copy the expiration date; a revised offer keeps it until the salesperson changes it.
        if self.validity_date and not new_revision.validity_date:
            new_revision.validity_date = self.validity_date
        (self | new_revision).invalidate_cache(['old_revision_ids', 'current_revision_id'])
        return new_revision

    @api.multi
    def action_revise_quotation(self):
        """Button *Revise*: the next version of the quotation, opened on its form."""
        self.ensure_one()
        self.create_revision()
        new_revision = self.current_revision_id
        return {
            'type': 'ir.actions.act_window',
            'name': _('Quotation'),
            'res_model': 'sale.order',
            'res_id': new_revision.id,
            'view_mode': 'form',
            'views': [(self.env.ref('sale.view_order_form').id, 'form')],
            'target': 'current',
        }

    @api.multi
    def action_view_old_revisions(self):
        self.ensure_one()
        return {
            'type': 'ir.actions.act_window',
            'name': _('Previous Versions'),
            'res_model': 'sale.order',
            'view_mode': 'tree,form',
            'views': [(self.env.ref('sale.view_quotation_tree').id, 'tree'),
                      (self.env.ref('sale.view_order_form').id, 'form')],
            'domain': [('id', 'in', self.with_context(active_test=False).old_revision_ids.ids)],
            'context': {'active_test': False, 'create': False},
        }

    @api.multi
    def action_confirm(self):
        self._check_latest_version(_('confirmed'))
        return super(SaleOrder, self).action_confirm()

    # ------------------------------------------------------------------
    # Differences to the previous version
    # ------------------------------------------------------------------
    def _previous_version(self):
        self.ensure_one()
        if not self.revision_number or not self.unrevisioned_name:
            return self.browse()
        # sudo: whoever reads this version sees what it replaced, even if the old one had another salesperson
        return self.sudo().with_context(active_test=False).search([
            ('unrevisioned_name', '=', self.unrevisioned_name), ('company_id', '=', self.company_id.id),
            ('revision_number', '<', self.revision_number)], order='revision_number desc', limit=1)

    def _version_line_changes(self, previous):
        """[(kind, product, [(field, old, new)])] of the lines, paired by product in their order."""
        def key(line):
            return line.product_id.id or line.name

        old_by_key = {}
        for line in previous.order_line:
            old_by_key.setdefault(key(line), []).append(line)
        compared = ('product_uom_qty', 'price_unit', 'discount', 'price_subtotal')
        changes = []
        for line in self.order_line:
            candidates = old_by_key.get(key(line))
            if not candidates:
                changes.append(('added', line, [(name, None, line[name]) for name in compared]))
                continue
            old = candidates.pop(0)
            diffs = [(name, old[name], line[name]) for name in compared]
            if any(self._version_values_differ(name, before, after) for name, before, after in diffs):
                changes.append(('changed', line, diffs))
        for remaining in old_by_key.values():
            for old in remaining:
                changes.append(('removed', old, [(name, old[name], None) for name in compared]))
        return changes

    def _version_values_differ(self, field_name, before, after):
        digits = {'product_uom_qty': 'Product Unit of Measure', 'price_unit': 'Product Price',
                  'discount': 'Discount'}.get(field_name)
        if digits:
            precision = self.env['decimal.precision'].precision_get(digits)
            return float_compare(before or 0.0, after or 0.0, precision_digits=precision) != 0
        if not self.currency_id:
            return float_compare(before or 0.0, after or 0.0, precision_digits=2) != 0
        return self.currency_id.compare_amounts(before or 0.0, after or 0.0) != 0

    def _version_format(self, field_name, value):
        if value is None:
            return ''
        if field_name in ('price_unit', 'price_subtotal', 'amount_untaxed', 'amount_tax', 'amount_total'):
            return formatLang(self.env, value, currency_obj=self.currency_id)
        if field_name == 'discount':
            return '%s %%' % formatLang(self.env, value, dp='Discount')
        return formatLang(self.env, value, dp='Product Unit of Measure')

    def _version_cell(self, field_name, before, after, kind):
        if kind == 'changed' and self._version_values_differ(field_name, before, after):
            return '<del>%s</del> → <strong>%s</strong>' % (
                html_escape(self._version_format(field_name, before)),
                html_escape(self._version_format(field_name, after)))
        value = after if kind != 'removed' else before
        return html_escape(self._version_format(field_name, value))

    @api.depends('revision_number', 'unrevisioned_name', 'order_line.product_uom_qty', 'order_line.price_unit',
                 'order_line.discount', 'order_line.price_subtotal', 'amount_total', 'payment_term_id',
                 'validity_date')
    def _compute_quote_version_changes(self):
        for order in self:
            previous = order._previous_version()
            order.quote_version_changes = order._render_version_changes(previous) if previous else False

    def _render_version_changes(self, previous):
        kinds = {'added': _('Added'), 'removed': _('Removed'), 'changed': _('Changed')}
        row_styles = {'added': 'color: #1e7e34;', 'removed': 'color: #b02a37; text-decoration: line-through;',
                      'changed': ''}
        parts = ['<p>%s</p>' % html_escape(_('Compared with %(previous)s (%(version)s):') % {
            'previous': previous.name, 'version': previous.quote_version_label})]
        line_changes = self._version_line_changes(previous)
        if line_changes:
            parts.append('<table class="table table-condensed o_quote_version_lines"><thead><tr>%s</tr></thead>'
                         '<tbody>' % ''.join('<th>%s</th>' % html_escape(label) for label in (
                             _('Change'), _('Product'), _('Quantity'), _('Unit Price'), _('Discount'),
                             _('Subtotal'))))
            for kind, line, diffs in line_changes:
                cells = [html_escape(kinds[kind]), html_escape(line.product_id.display_name or line.name)]
                cells += [self._version_cell(name, before, after, kind) for name, before, after in diffs]
                parts.append('<tr class="o_quote_version_%s" style="%s">%s</tr>' % (
                    kind, row_styles[kind], ''.join('<td>%s</td>' % cell for cell in cells)))
            parts.append('</tbody></table>')
        summary = []
        for field_name, label in (('amount_untaxed', _('Untaxed Amount')), ('amount_tax', _('Taxes')),
                                  ('amount_total', _('Total'))):
            if self._version_values_differ(field_name, previous[field_name], self[field_name]):
                summary.append((label, self._version_format(field_name, previous[field_name]),
                                self._version_format(field_name, self[field_name])))
        if previous.payment_term_id != self.payment_term_id:
            summary.append((_('Payment Terms'), previous.payment_term_id.name or '', self.payment_term_id.name or ''))
        if (previous.validity_date or False) != (self.validity_date or False):
            summary.append((_('Expiration Date'), previous.validity_date or '', self.validity_date or ''))
        if summary:
            parts.append('<table class="table table-condensed o_quote_version_summary"><tbody>')
            for label, before, after in summary:
                parts.append('<tr><th>%s</th><td><del>%s</del> → <strong>%s</strong></td></tr>' % (
                    html_escape(label), html_escape(before), html_escape(after)))
            parts.append('</tbody></table>')
        if not line_changes and not summary:
            parts.append('<p>%s</p>' % html_escape(_('No changes to the lines, totals, payment terms or '
                                                     'expiration date.')))
        return ''.join(parts)
