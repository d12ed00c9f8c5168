from odoo import _, api, models
from odoo.exceptions import AccessError

from .tier_review import DECISION_FIELDS


class TierReview(models.Model):
    _inherit = 'tier.review'

    @api.multi
    def write(self, vals):
        """Who asked for an amendment does not decide its review either, even directly."""
        if DECISION_FIELDS & set(vals) and not self.env.user._is_superuser():
            for review in self.filtered(lambda r: r.model == 'sale.contract.amendment'):
                amendment = self.env[review.model].sudo().browse(review.res_id)
                if amendment.requested_user_id == self.env.user:
                    raise AccessError(_('You cannot decide the review of your own document %s.')
                                      % amendment.display_name)
        return super(TierReview, self).write(vals)
