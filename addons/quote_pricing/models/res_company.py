from odoo import fields, models


class ResCompany(models.Model):
    _inherit = 'res.company'

    floor_approval_team_lead_percent = fields.Float(
        'Team Lead Approves up to (% below Floor)', default=10.0,
        help='Quotations priced up to this percentage below the floor price are approved by a team lead; '
             'further below, by a sales director.')

    _sql_constraints = [
        ('floor_approval_team_lead_percent_range',
         'CHECK(floor_approval_team_lead_percent >= 0 AND floor_approval_team_lead_percent <= 100)',
         'The team lead approval limit must be between 0 and 100 % below the floor price.'),
    ]
