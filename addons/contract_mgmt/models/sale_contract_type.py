from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class SaleContractType(models.Model):
    """Kind of contract (sales contract, framework agreement, service contract...).

    A type with a number prefix numbers its contracts on its own sequence (KJ-2026-0001, restarting every
    year); a type without one uses the common HT-2026-0001 numbering.
    """
    _name = 'sale.contract.type'
    _description = 'Contract Type'
    _inherit = 'crm.config.list.mixin'
    _order = 'sequence, id'

    description = fields.Text(translate=True)
    number_prefix = fields.Char(
        help='e.g. KJ: contracts of this type are numbered KJ-2026-0001. Empty: the common HT numbering.')
    sequence_id = fields.Many2one('ir.sequence', string='Numbering', readonly=True, copy=False, ondelete='restrict')

    @api.constrains('number_prefix')
    def _check_number_prefix(self):
        for contract_type in self.filtered('number_prefix'):
            if not contract_type.number_prefix.replace('-', '').isalnum():
                raise ValidationError(_('The number prefix of %s may hold letters, digits and dashes only.')
                                      % contract_type.name)

    @api.model
    def create(self, vals):
        contract_type = super(SaleContractType, self).create(vals)
        contract_type._sync_sequence()
        return contract_type

    @api.multi
    def write(self, vals):
        result = super(SaleContractType, self).write(vals)
        if 'number_prefix' in vals:
            self._sync_sequence()
        return result

    def _sync_sequence(self):
        """Create or rename the type's own yearly sequence when it has a prefix."""
        for contract_type in self.filtered('number_prefix'):
            prefix = '%s-%%(year)s-' % contract_type.number_prefix.strip().upper()
            if contract_type.sequence_id:
                contract_type.sequence_id.sudo().prefix = prefix
                continue
            sequence = self.env['ir.sequence'].sudo().create({
                'name': _('Contracts: %s') % contract_type.name, 'prefix': prefix, 'padding': 4,
                'use_date_range': True, 'company_id': contract_type.company_id.id})
            super(SaleContractType, contract_type).write({'sequence_id': sequence.id})
