from odoo import fields, models


class ResCompany(models.Model):
    _inherit = 'res.company'

    return_approval_threshold = fields.Monetary(
        'Return Approval Threshold', currency_field='currency_id', default=10000.0,
        help='Return requests of this amount or more (quantity x net unit price incl. tax) are approved '
             'through the approval tiers of return requests; 0 sends none there.')
