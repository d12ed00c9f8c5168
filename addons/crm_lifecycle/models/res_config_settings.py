from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = 'res.config.settings'

    customer_reclaim_cooldown_days = fields.Integer(
        related='company_id.customer_reclaim_cooldown_days', string='Re-claim Cooldown (days)')
    duplicate_check_mode = fields.Selection(related='company_id.duplicate_check_mode', string='Duplicate Customers')
    duplicate_similarity_threshold = fields.Float(
        related='company_id.duplicate_similarity_threshold', string='Similar Name Threshold')
