from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = 'res.config.settings'

    floor_approval_team_lead_percent = fields.Float(
        related='company_id.floor_approval_team_lead_percent', string='Team Lead Approves up to (% below Floor)')
