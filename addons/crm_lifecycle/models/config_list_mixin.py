from odoo import fields, models


class ConfigListMixin(models.AbstractModel):
    """A list an admin keeps under Configuration (churn reasons, customer levels, opportunity types,
    return reasons, contract types …): a translatable name, an order, archiving, and a company, empty
    to share the entry between all companies. The models of the suite's modules inherit it."""
    _name = 'crm.config.list.mixin'
    _description = 'Configurable List Entry'
    _order = 'sequence, id'

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        'res.company', index=True,
        default=lambda self: self.env['res.company']._company_default_get(self._name),
        help='Leave empty to share this entry between all companies.')
