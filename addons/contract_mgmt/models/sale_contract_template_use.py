import logging

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import html_escape
from odoo.tools.misc import formatLang

from odoo.addons.crm_lifecycle.models.trusted_context import trusted_flag

from .sale_contract_template import PLACEHOLDER_PATTERN, placeholder_key

_logger = logging.getLogger(__name__)

try:
    import cn2an
except ImportError:  # pragma: no cover - a dependency of quote_pricing
    _logger.debug('Cannot import cn2an')

# What an unsigned contract prints where a date is still to be written by hand.
BLANK_DATE = '______年____月____日'
# Set by the module itself (as superuser) when it keeps the clauses as signed.
FREEZE_FLAG = 'contract_freeze_clauses'


class SaleContract(models.Model):
    """The template of a contract and its clauses filled with the contract's values, for the printed contract."""
    _inherit = 'sale.contract'

    template_id = fields.Many2one(
        'sale.contract.template', string='Template', ondelete='set null', index=True,  # see the template's unlink
        default=lambda self: self._default_template_id(),
        domain="[('company_id', 'in', [company_id, False]), "
               "'|', ('contract_type_id', '=', False), ('contract_type_id', '=', contract_type_id)]",
        states={'signed': [('readonly', True)], 'executing': [('readonly', True)],
                'done': [('readonly', True)], 'terminated': [('readonly', True)]},
        help='The heading and clauses of the printed contract. Without a template, the contract prints its '
             'own terms.')
    # Templates change; a signed contract must print the text that was signed.
    signed_clauses = fields.Html(
        'Clauses as Signed', sanitize=False, readonly=True, copy=False,
        help='The clauses of the template filled with the values of the contract when it was signed: a signed '
             'contract prints them, whatever becomes of the template.')

    @api.model
    def _default_template_id(self):
        type_id = self.env.context.get('default_contract_type_id')
        return self.env['sale.contract.type'].browse(type_id).default_template_id.id if type_id else False

    @api.onchange('contract_type_id')
    def _onchange_contract_type_template(self):
        template_type = self.template_id.contract_type_id
        if self.contract_type_id.default_template_id:
            if not self.template_id or (template_type and template_type != self.contract_type_id):
                self.template_id = self.contract_type_id.default_template_id
        elif template_type and template_type != self.contract_type_id:
            self.template_id = False

    @api.constrains('template_id', 'contract_type_id', 'company_id')
    def _check_template(self):
        for contract in self.filtered('template_id'):
            template = contract.template_id
            if template.contract_type_id and template.contract_type_id != contract.contract_type_id:
                raise ValidationError(_('Template %(template)s is for contracts of type %(type)s.') % {
                    'template': template.name, 'type': template.contract_type_id.name})
            if template.company_id and template.company_id != contract.company_id:
                raise ValidationError(_('Template %(template)s belongs to company %(company)s.') % {
                    'template': template.name, 'company': template.company_id.name})

    @api.model
    def _is_writable_when_locked(self, field_name):
        return (field_name == 'signed_clauses' and trusted_flag(self.env, FREEZE_FLAG)) \
            or super(SaleContract, self)._is_writable_when_locked(field_name)

    @api.multi
    def write(self, vals):
        # built from sanitized clauses and escaped values only by this module: never written by a user
        if 'signed_clauses' in vals and not trusted_flag(self.env, FREEZE_FLAG):
            raise UserError(_('The clauses as signed are kept when the contract is signed; they cannot be written.'))
        signing = self.filtered(lambda c: c.state != 'signed') if vals.get('state') == 'signed' else self.browse()
        result = super(SaleContract, self).write(vals)
        for contract in signing.filtered('template_id'):
            contract.sudo().with_context(**{FREEZE_FLAG: True}).write({
                'signed_clauses': contract.with_context(lang='zh_CN')._filled_clauses_html()})
        return result

    @api.model
    def create(self, vals):
        if 'signed_clauses' in vals and not trusted_flag(self.env, FREEZE_FLAG):
            raise UserError(_('The clauses as signed are kept when the contract is signed; they cannot be written.'))
        if 'template_id' not in vals and vals.get('contract_type_id'):
            vals = dict(vals, template_id=self.env['sale.contract.type'].browse(
                vals['contract_type_id']).default_template_id.id)
        return super(SaleContract, self).create(vals)

    # ------------------------------------------------------------------ placeholders

    def _format_contract_date(self, date):
        if not date:
            return BLANK_DATE
        date = fields.Date.from_string(date)
        return '%d年%d月%d日' % (date.year, date.month, date.day)

    def _amount_in_words(self):
        """大写金额: 人民币壹拾万元整 for renminbi, English words for other currencies."""
        self.ensure_one()
        currency = self.currency_id
        words = currency.amount_to_text_cn(self.amount_total)
        return '人民币' + words if words else currency.amount_to_text_en(self.amount_total)

    def _contract_lines_html(self):
        """The contract lines as an HTML table, every value escaped; empty without lines."""
        self.ensure_one()
        lines = self['line_ids'] if 'line_ids' in self._fields else []
        if not lines:
            return ''
        cell = 'border: 1px solid #999; padding: 3px 5px;'
        right = cell + ' text-align: right;'
        show_discount = any(line.discount for line in lines)
        headers = [(_('No.'), cell), (_('Product'), cell), (_('Quantity'), right), (_('Unit'), cell),
                   (_('Unit Price'), right)]
        if show_discount:
            headers.append((_('Disc. (%)'), right))
        headers += [(_('Amount'), right)]
        rows = []
        for index, line in enumerate(lines, 1):
            currency = line.currency_id or self.currency_id
            cells = [(str(index), cell), (line.name or line.product_id.display_name, cell),
                     (formatLang(self.env, line.product_uom_qty, dp='Product Unit of Measure'), right),
                     (line.product_uom.name or '', cell),
                     (formatLang(self.env, line.price_unit, dp='Product Price'), right)]
            if show_discount:
                cells.append((formatLang(self.env, line.discount, dp='Discount'), right))
            cells.append((formatLang(self.env, line.price_total, currency_obj=currency), right))
            rows.append('<tr>%s</tr>' % ''.join(
                '<td style="%s">%s</td>' % (style, html_escape(value)) for value, style in cells))
        total = formatLang(self.env, self.amount_total, currency_obj=self.currency_id)
        rows.append('<tr><td colspan="%d" style="%s"><strong>%s</strong></td><td style="%s"><strong>%s</strong>'
                    '</td></tr>' % (len(headers) - 1, right, html_escape(_('Total')), right, html_escape(total)))
        return ('<table class="o_contract_lines" style="width: 100%%; border-collapse: collapse; margin: 6px 0;">'
                '<thead><tr>%s</tr></thead><tbody>%s</tbody></table>') % (
            ''.join('<th style="%s background-color: #eeeeee;">%s</th>' % (style, html_escape(label))
                    for label, style in headers),
            ''.join(rows))

    @api.multi
    def _contract_placeholder_values(self):
        """{placeholder: HTML-safe text} for this contract, keyed by the Chinese names of PLACEHOLDERS."""
        self.ensure_one()
        our_signer = self['our_signer_id'] if 'our_signer_id' in self._fields else self.env['res.users']
        values = {
            '客户': self.partner_id.name,
            '合同编号': self.name,
            '合同名称': self.title,
            '合同金额': formatLang(self.env, self.amount_total, currency_obj=self.currency_id),
            '大写金额': self._amount_in_words(),
            '签订日期': self._format_contract_date(self.sign_date),
            '开始日期': self._format_contract_date(self.date_start),
            '结束日期': self._format_contract_date(self.date_end),
            '我方公司': self.company_id.name,
            '我方签约人': (our_signer or self.user_id).name,
            '客户签约人': self.customer_signer_id.name,
        }
        values = {key: html_escape(value or '') for key, value in values.items()}
        values['明细'] = self._contract_lines_html()  # built from escaped values
        return values

    def _fill_placeholders(self, text, values):
        def replace(match):
            key = placeholder_key(match.group(1))
            if key not in values:
                # the clause constraint refuses these: only a clause saved before a change of code gets here
                raise UserError(_('The placeholder %s does not exist; correct the contract template.')
                                % match.group(0))
            return values[key]
        return PLACEHOLDER_PATTERN.sub(replace, text or '')

    @api.multi
    def get_filled_clauses(self):
        """The clauses of the contract's template with the placeholders replaced by the contract's values:
        [{'number': '一', 'title': text, 'body': HTML}], empty without template."""
        self.ensure_one()
        values = self._contract_placeholder_values()
        title_values = dict(values)
        del title_values['明细']
        chinese = (self.env.context.get('lang') or 'zh_CN').startswith('zh')
        clauses = []
        for index, clause in enumerate(self.template_id.clause_ids, 1):
            number = cn2an.an2cn(str(index)) if chinese else str(index)
            clauses.append({
                'number': number,
                'heading': _('Article %s') % number,
                # the title is text: escaped here with its values, printed as it is (t-raw)
                'title': self._fill_placeholders(html_escape(clause.title), title_values),
                'body': self._fill_placeholders(clause.body, values),
            })
        return clauses

    @api.multi
    def _filled_clauses_html(self):
        """The filled clauses as the printed contract shows them, one HTML string."""
        self.ensure_one()
        return ''.join(
            '<div class="o_contract_clause" style="margin-bottom: 8px;"><h4 style="font-size: 11pt; margin: 8px 0 2px '
            '0;">%s %s</h4><div>%s</div></div>' % (html_escape(clause['heading']), clause['title'], clause['body'])
            for clause in self.get_filled_clauses())

    @api.multi
    def _uses_lines_placeholder(self):
        self.ensure_one()
        return any(placeholder_key(match) == '明细' for clause in self.template_id.clause_ids
                   for match in PLACEHOLDER_PATTERN.findall(clause.body or ''))

    @api.multi
    def action_print_contract(self):
        return self.env.ref('contract_mgmt.action_report_sale_contract').report_action(self)
