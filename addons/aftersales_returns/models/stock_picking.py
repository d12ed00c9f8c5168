from odoo import fields, models


class StockPicking(models.Model):
    _inherit = 'stock.picking'

    # set null, not restrict: aftersales.return.unlink refuses any return past draft (those with transfers),
    # and the module's uninstall must drop returns while the transfers (stock history) stay
    aftersales_return_id = fields.Many2one(
        'aftersales.return', string='Return Request', index=True, readonly=True, copy=False,
        ondelete='set null', help='The return request that received these goods back or delivers their '
                                  'replacement.')
