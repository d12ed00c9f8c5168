from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = 'res.config.settings'

    opportunity_duplicate_mode = fields.Selection(
        related='company_id.opportunity_duplicate_mode', string='Duplicate Opportunities on Conversion')
    opportunity_claim_cap = fields.Integer(
        related='company_id.opportunity_claim_cap', string='Open Opportunities per Salesperson')
    opportunity_inactive_days = fields.Integer(
        related='company_id.opportunity_inactive_days', string='Days without Activity')
    forecast_min_history = fields.Integer(
        related='company_id.forecast_min_history', string='Minimum Closed Opportunities for Historical Rates')
