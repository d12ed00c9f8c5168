from odoo import api, fields, models


class ResPartner(models.Model):
    """Customer 360°: the customer's return requests (those the user may read)."""
    _inherit = 'res.partner'

    return_ids = fields.One2many('aftersales.return', 'partner_id', string='Return Requests', readonly=True)
    return_count = fields.Integer('Return Request Count', compute='_compute_return_count')

    @api.depends('return_ids')
    def _compute_return_count(self):
        for partner in self:
            partner.return_count = len(partner.return_ids)
