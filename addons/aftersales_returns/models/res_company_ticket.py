from odoo import fields, models


class ResCompanyTicket(models.Model):
    _inherit = 'res.company'

    aftersales_opportunity_user_id = fields.Many2one(
        'res.users', string='Owner of After-sales Opportunities',
        help='Owner of an opportunity created from a service ticket when the customer has no owner. '
             'Empty: the opportunity goes unassigned to the pool, to be claimed.')
