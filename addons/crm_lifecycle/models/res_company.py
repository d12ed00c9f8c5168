from odoo import api, fields, models


class ResCompany(models.Model):
    _inherit = 'res.company'

    customer_reclaim_cooldown_days = fields.Integer(
        'Re-claim Cooldown (days)', default=30,
        help='After releasing a customer to the public pool, or after it was recalled from him, '
             'a salesperson must wait this many days before claiming the same customer again. 0 = no wait.')

    duplicate_check_mode = fields.Selection([
        ('block', 'Block'),
        ('warn', 'Warn only'),
    ], 'Duplicate Customers', default='block', required=True,
        help='Block: a customer with the same credit code, company name or phone as an existing customer '
             'cannot be saved. Warn only: it is saved with a note naming the existing customer.')
    duplicate_similarity_threshold = fields.Float(
        'Similar Name Threshold', default=0.5,
        help='Trigram similarity (0-1) of the normalised company names from which an existing customer is '
             'listed as a possible duplicate. Lower finds more candidates. Similar names only warn.')

    # Strategy a new customer category starts with (see crm.customer.category)
    category_default_follow_up_interval_days = fields.Integer(
        'Default Follow-up Interval (days)', default=30,
        help='Follow-up interval of new customer categories.')
    category_default_recall_days_without_follow_up = fields.Integer(
        'Default Recall after Days without Follow-up', default=90,
        help='Days without follow-up before recall, for new customer categories. 0 = never.')
    category_default_recall_days_without_won = fields.Integer(
        'Default Recall after Days without Won Deal', default=180,
        help='Days without a won deal before recall, for new customer categories. 0 = never.')
    category_default_max_customers_per_salesperson = fields.Integer(
        'Default Max Customers per Salesperson', default=0,
        help='Most customers of a new category one salesperson may hold. 0 = no limit.')

    # Reminder and recall crons
    reminder_lead_days = fields.Integer(
        'Reminder Lead Time (days)', default=3,
        help='How many days ahead salespeople are reminded of their contacts\' and their relatives\' birthdays '
             'and of the follow-ups due.')
    recall_warning_days = fields.Integer(
        'Recall Warning (days)', default=7,
        help='How many days before a customer returns to the public pool by its category\'s strategy its owner '
             'is warned. 0 = no warning.')

    _sql_constraints = [
        ('customer_reclaim_cooldown_days_non_negative', 'CHECK(customer_reclaim_cooldown_days >= 0)',
         'The re-claim cooldown cannot be negative.'),
        ('duplicate_similarity_threshold_range',
         'CHECK(duplicate_similarity_threshold > 0 AND duplicate_similarity_threshold <= 1)',
         'The similar name threshold must be greater than 0 and at most 1.'),
        ('category_default_strategy_non_negative',
         'CHECK(category_default_follow_up_interval_days >= 0 AND category_default_recall_days_without_follow_up >= 0 '
         'AND category_default_recall_days_without_won >= 0 AND category_default_max_customers_per_salesperson >= 0)',
         'Default strategy days and limits cannot be negative.'),
        ('reminder_lead_days_range', 'CHECK(reminder_lead_days >= 0 AND reminder_lead_days <= 90)',
         'The reminder lead time must be between 0 and 90 days.'),
        ('recall_warning_days_non_negative', 'CHECK(recall_warning_days >= 0)',
         'The recall warning days cannot be negative.'),
    ]

    @api.model
    def _crm_lifecycle_bind_kept_demo_company(self):
        """Reinstalling after an uninstall: the demo company was kept without its xml id (hooks.uninstall_hook);
        give it back, so that the demo data updates that company instead of creating a second one."""
        Data = self.env['ir.model.data']
        if Data.search([('module', '=', 'crm_lifecycle'), ('name', '=', 'company_shenzhen')]):
            return True
        company = self.search([('name', '=', '深圳华贸进出口有限公司')], limit=1)
        if company:
            Data.create({'module': 'crm_lifecycle', 'name': 'company_shenzhen', 'model': 'res.company',
                         'res_id': company.id, 'noupdate': True})
        return True
