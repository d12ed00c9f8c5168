import re

from odoo import _, api, fields, models
from odoo.addons.crm_lifecycle.models.trusted_context import is_module_uninstall
from odoo.exceptions import UserError
from odoo.tools import html_escape

# {{客户}}, {{ customer }} ... Templates are filled by plain string substitution of escaped values, never
# evaluated as QWeb, Jinja or Python: whoever writes a template must not be able to run code.
PLACEHOLDER_PATTERN = re.compile(r'\{\{([^{}]*)\}\}')
# Chinese name, English alias; the Chinese name is the key of the values (see sale.contract).
PLACEHOLDERS = [
    ('客户', 'customer'),
    ('合同编号', 'contract_number'),
    ('合同名称', 'contract_title'),
    ('合同金额', 'contract_amount'),
    ('大写金额', 'amount_in_words'),
    ('签订日期', 'sign_date'),
    ('开始日期', 'start_date'),
    ('结束日期', 'end_date'),
    ('我方公司', 'our_company'),
    ('我方签约人', 'our_signer'),
    ('客户签约人', 'customer_signer'),
    ('明细', 'lines'),
]
PLACEHOLDER_KEYS = dict([(chinese, chinese) for chinese, _english in PLACEHOLDERS]
                        + [(english, chinese) for chinese, english in PLACEHOLDERS])
# Only a clause body can hold the table of lines.
BODY_ONLY_PLACEHOLDERS = ('明细',)


def placeholder_key(raw):
    """The placeholder named between the braces ({{ 客户 }}, {{Customer}}, {{客户&nbsp;}}), None if unknown."""
    name = re.sub(r'(&nbsp;|\s|\xa0)+', '', raw or '').lower()
    return PLACEHOLDER_KEYS.get(name)


def unknown_placeholders(text, allowed_keys=None):
    """The placeholders of ``text`` that would not be filled, as written, plus braces left unclosed."""
    if not text:
        return []
    unknown = []
    for match in PLACEHOLDER_PATTERN.finditer(text):
        key = placeholder_key(match.group(1))
        if not key or (allowed_keys is not None and key not in allowed_keys):
            unknown.append(match.group(0))
    rest = PLACEHOLDER_PATTERN.sub('', text)
    if '{{' in rest or '}}' in rest:
        unknown.append('{{ … }}')
    return unknown


class SaleContractTemplate(models.Model):
    """The text of a printed contract: a heading and ordered clauses with placeholders such as {{客户}}
    filled from the contract. As many as needed, per contract type or for any."""
    _name = 'sale.contract.template'
    _description = 'Contract Template'
    _inherit = 'crm.config.list.mixin'
    _order = 'sequence, id'

    contract_type_id = fields.Many2one(
        'sale.contract.type', string='Contract Type', ondelete='set null', index=True,
        help='Offered for contracts of this type only; leave empty to offer it for every type.')
    heading = fields.Char(
        help='The title printed at the top of the contract, e.g. 销售合同. Empty: the name of the template.')
    clause_ids = fields.One2many('sale.contract.template.clause', 'template_id', string='Clauses', copy=True)
    clause_count = fields.Integer(compute='_compute_clause_count', string='Number of Clauses')
    placeholder_help = fields.Html(
        compute='_compute_placeholder_help', string='Placeholders', sanitize=False,
        help='The placeholders a clause may contain and what replaces them when the contract is printed.')

    @api.depends('clause_ids')
    def _compute_clause_count(self):
        for template in self:
            template.clause_count = len(template.clause_ids)

    def _compute_placeholder_help(self):
        rows = ''.join(
            '<tr><td><code>{{%s}}</code></td><td><code>{{%s}}</code></td><td>%s</td></tr>' % (
                html_escape(chinese), html_escape(english), html_escape(meaning))
            for chinese, english, meaning in self._placeholder_meanings())
        table = ('<table class="table table-condensed o_contract_placeholders"><thead><tr><th>%s</th><th>%s</th>'
                 '<th>%s</th></tr></thead><tbody>%s</tbody></table>') % (
            html_escape(_('Placeholder')), html_escape(_('Or')), html_escape(_('Replaced by')), rows)
        for template in self:
            template.placeholder_help = table

    @api.model
    def _placeholder_meanings(self):
        meanings = {
            '客户': _("The customer's name."),
            '合同编号': _('The contract number, e.g. HT-2026-0001.'),
            '合同名称': _('The title of the contract.'),
            '合同金额': _('The contract amount in figures, with its currency.'),
            '大写金额': _('The contract amount in Chinese capital numerals (大写), e.g. 人民币壹拾万元整; in '
                      'English words for other currencies than renminbi.'),
            '签订日期': _('The sign date, e.g. 2026年3月1日; blanks to fill by hand when not signed yet.'),
            '开始日期': _('The start date of the contract.'),
            '结束日期': _('The end date of the contract.'),
            '我方公司': _('The name of our company.'),
            '我方签约人': _('Who signs for our company: the signer of the contract, or its salesperson.'),
            '客户签约人': _('The contact who signs for the customer.'),
            '明细': _('A table of the contract lines: product, quantity, unit, unit price, amount (clause text '
                    'only, not titles).'),
        }
        return [(chinese, english, meanings[chinese]) for chinese, english in PLACEHOLDERS]

    @api.multi
    def unlink(self):
        # instead of ondelete='restrict' on the contracts: the module's uninstall must delete its templates
        if not is_module_uninstall(self.env):
            used = self.env['sale.contract'].sudo().with_context(active_test=False).search(
                [('template_id', 'in', self.ids)], limit=1)
            if used:
                raise UserError(_('Template %(template)s is used by contract %(contract)s: archive it instead.') % {
                    'template': used.template_id.name, 'contract': used.name})
        return super(SaleContractTemplate, self).unlink()
