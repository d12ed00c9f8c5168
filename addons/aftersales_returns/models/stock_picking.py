from odoo import fields, models


class StockPicking(models.Model):
    _inherit = 'stock.picking'

    aftersales_return_id = fields.Many2one(
        'aftersales.return', string='Return Request', index=True, readonly=True, copy=False,
        ondelete='restrict', help='The return request that received these goods back or delivers their '
                                  'replacement.')
