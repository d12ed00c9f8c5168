from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class SalesCommissionRuleTier(models.Model):
    """From an attainment of the target on, a rate (marginal: it applies to the part above the threshold)."""
    _name = 'sales.commission.rule.tier'
    _description = 'Commission Tier'
    _order = 'rule_id, from_attainment'

    rule_id = fields.Many2one('sales.commission.rule', required=True, ondelete='cascade', index=True)
    company_id = fields.Many2one(related='rule_id.company_id', store=True, index=True, readonly=True)
    from_attainment = fields.Float('From Attainment (%)', digits=(16, 2), required=True)
    rate = fields.Float('Rate (%)', digits=(16, 2), required=True)

    _sql_constraints = [('rule_from_unique', 'unique (rule_id, from_attainment)',
                         'Two tiers of a rule cannot start at the same attainment.')]

    @api.constrains('from_attainment', 'rate')
    def _check_tier(self):
        for tier in self:
            if tier.from_attainment < 0 or tier.rate < 0:
                raise ValidationError(_('Tier thresholds and rates cannot be negative.'))
