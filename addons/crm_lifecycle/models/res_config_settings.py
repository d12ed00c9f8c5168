from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = 'res.config.settings'

    customer_reclaim_cooldown_days = fields.Integer(
        related='company_id.customer_reclaim_cooldown_days', string='Re-claim Cooldown (days)')
    duplicate_check_mode = fields.Selection(related='company_id.duplicate_check_mode', string='Duplicate Customers')
    duplicate_similarity_threshold = fields.Float(
        related='company_id.duplicate_similarity_threshold', string='Similar Name Threshold')
    category_default_follow_up_interval_days = fields.Integer(
        related='company_id.category_default_follow_up_interval_days', string='Default Follow-up Interval (days)')
    category_default_recall_days_without_follow_up = fields.Integer(
        related='company_id.category_default_recall_days_without_follow_up',
        string='Default Recall after Days without Follow-up')
    category_default_recall_days_without_won = fields.Integer(
        related='company_id.category_default_recall_days_without_won',
        string='Default Recall after Days without Won Deal')
    category_default_max_customers_per_salesperson = fields.Integer(
        related='company_id.category_default_max_customers_per_salesperson',
        string='Default Max Customers per Salesperson')
    reminder_lead_days = fields.Integer(related='company_id.reminder_lead_days', string='Reminder Lead Time (days)')
    recall_warning_days = fields.Integer(related='company_id.recall_warning_days', string='Recall Warning (days)')
