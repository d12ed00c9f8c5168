from odoo import fields, models


class AftersalesReturnReason(models.Model):
    """Why a customer sends goods back (quality problem, wrong goods, damaged in transit...)."""
    _name = 'aftersales.return.reason'
    _description = 'Return Reason'
    _order = 'sequence, id'

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        'res.company', index=True,
        default=lambda self: self.env['res.company']._company_default_get('aftersales.return.reason'),
        help='Leave empty to share the reason between all companies.')
