from odoo import fields, models


class ResCompany(models.Model):
    _inherit = 'res.company'

    opportunity_duplicate_mode = fields.Selection([
        ('block', 'Block'),
        ('warn', 'Warn and log'),
    ], 'Duplicate Opportunities on Conversion', default='warn', required=True,
        help='When a lead is converted and its customer already exists, or the customer has open opportunities '
             'of other salespeople (撞单): block the conversion, or let it happen with the matches logged.')
    opportunity_claim_cap = fields.Integer(
        'Open Opportunities per Salesperson', default=0,
        help='Most open opportunities one salesperson may hold: claims and assignments beyond it are refused. '
             '0 = no limit.')
    opportunity_inactive_days = fields.Integer(
        'Days without Activity', default=30,
        help='An open opportunity without any follow-up, message or stage change for this many days is flagged '
             'as an exception. 0 = never.')
    forecast_min_history = fields.Integer(
        'Minimum Closed Opportunities for Historical Rates', default=10,
        help='The forecast uses the historical conversion rate of a stage only when at least this many '
             'opportunities that passed the stage in the last 12 months are closed; otherwise the stage '
             'probability.')

    _sql_constraints = [
        ('opportunity_settings_non_negative',
         'CHECK(opportunity_claim_cap >= 0 AND opportunity_inactive_days >= 0 AND forecast_min_history >= 0)',
         'The opportunity limits and days cannot be negative.'),
    ]
