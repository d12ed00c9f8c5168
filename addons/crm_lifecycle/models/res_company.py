from odoo import fields, models


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

    _sql_constraints = [
        ('customer_reclaim_cooldown_days_non_negative', 'CHECK(customer_reclaim_cooldown_days >= 0)',
         'The re-claim cooldown cannot be negative.'),
        ('duplicate_similarity_threshold_range',
         'CHECK(duplicate_similarity_threshold > 0 AND duplicate_similarity_threshold <= 1)',
         'The similar name threshold must be greater than 0 and at most 1.'),
    ]
