from odoo import fields, models


class CrmLostReason(models.Model):
    _inherit = 'crm.lost.reason'

    competitor_wins = fields.Boolean(
        'A Competitor Wins', default=True,
        help='Losing for this reason means a competitor got the deal: when competitors were recorded on the '
             'opportunity, the one that won and its price must be given. Off for reasons such as a cancelled '
             'project.')
