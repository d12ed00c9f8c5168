from odoo import fields, models


class SaleContractType(models.Model):
    """Kind of contract (sales contract, framework agreement, service contract...)."""
    _name = 'sale.contract.type'
    _description = 'Contract Type'
    _inherit = 'crm.config.list.mixin'
    _order = 'sequence, id'

    description = fields.Text(translate=True)
