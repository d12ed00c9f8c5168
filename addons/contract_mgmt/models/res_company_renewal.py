from odoo import fields, models


class ResCompany(models.Model):
    _inherit = 'res.company'

    contract_renewal_days = fields.Integer(
        'Renewal Notice (days)', default=60,
        help='Contracts ending within this many days (or ended as long ago) and not renewed are listed as '
             'renewals due.')
