from odoo import fields, models


class SaleContractType(models.Model):
    """Kind of contract (sales contract, framework agreement, service contract...)."""
    _name = 'sale.contract.type'
    _description = 'Contract Type'
    _order = 'sequence, id'

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)
    company_id = fields.Many2one(
        'res.company', index=True,
        default=lambda self: self.env['res.company']._company_default_get('sale.contract.type'),
        help='Leave empty to share the type between all companies.')
