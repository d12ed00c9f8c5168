from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .sale_contract_template import BODY_ONLY_PLACEHOLDERS, PLACEHOLDERS, unknown_placeholders

TITLE_PLACEHOLDERS = [chinese for chinese, _english in PLACEHOLDERS if chinese not in BODY_ONLY_PLACEHOLDERS]


class SaleContractTemplateClause(models.Model):
    """One clause (条款) of a contract template, in rich text with placeholders such as {{客户}}."""
    _name = 'sale.contract.template.clause'
    _description = 'Contract Template Clause'
    _order = 'template_id, sequence, id'

    template_id = fields.Many2one('sale.contract.template', string='Template', required=True, ondelete='cascade',
                                  index=True)
    sequence = fields.Integer(default=10)
    title = fields.Char(required=True, help='Printed as 第一条 <title>; may hold placeholders.')
    body = fields.Html('Text',
                       help='The text of the clause. Placeholders such as {{客户}} or {{合同金额}} are replaced by '
                            'the values of the contract; the list is on the template.')
    company_id = fields.Many2one(related='template_id.company_id', store=True, index=True, readonly=True)

    @api.constrains('title', 'body')
    def _check_placeholders(self):
        """A typo in a placeholder must not reach a printed contract: refuse what would not be filled."""
        for clause in self:
            unknown = unknown_placeholders(clause.title, TITLE_PLACEHOLDERS) + unknown_placeholders(clause.body)
            if unknown:
                raise ValidationError(_(
                    'Clause "%(clause)s" has placeholders that do not exist: %(unknown)s. Use those listed on '
                    'the template (the lines table {{明细}} only in the text).') % {
                        'clause': clause.title, 'unknown': ', '.join(unknown)})
