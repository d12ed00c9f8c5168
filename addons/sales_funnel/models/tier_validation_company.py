from odoo import api, models


class TierValidation(models.AbstractModel):
    """What every document approved through base_tier_validation shares.

    - A tier definition of one company never applies to another company's documents: the record rule on
      tier.definition only shows the tiers of the user's current company, and the superuser (admin over
      RPC, sudo() in code) sees every company's; the document's own company decides.
    - The approval buttons return True: base_tier_validation returns None, which XML-RPC cannot send
      (the approval was done, yet the caller gets a fault and the server logs an error).
    """
    _inherit = 'tier.validation'

    def evaluate_tier(self, tier):
        company = self.company_id if 'company_id' in self._fields else None
        if tier.company_id and company and tier.company_id != company:
            return self.browse()
        return super(TierValidation, self).evaluate_tier(tier)

    @api.multi
    def validate_tier(self):
        result = super(TierValidation, self).validate_tier()
        return True if result is None else result

    @api.multi
    def reject_tier(self):
        result = super(TierValidation, self).reject_tier()
        return True if result is None else result
