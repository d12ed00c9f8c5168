from odoo import _, api, models
from odoo.exceptions import AccessError

# What only a reviewer may set on a review.
DECISION_FIELDS = {'status', 'done_by', 'reviewed_date'}


class TierReview(models.Model):
    """base_tier_validation lets every user write reviews; a review is decided only by its reviewers
    (through validate_tier / reject_tier), so that nobody approves his own document over RPC."""
    _inherit = 'tier.review'

    @api.model
    def create(self, vals):
        if vals.get('status', 'pending') != 'pending' and not self.env.user._is_superuser():
            raise AccessError(_('A review starts pending; only its reviewers decide it.'))
        return super(TierReview, self).create(vals)

    @api.multi
    def write(self, vals):
        if DECISION_FIELDS & set(vals) and not self.env.user._is_superuser():
            for review in self:
                if self.env.user not in review.reviewer_ids:
                    raise AccessError(_('Only the reviewers of "%s" may decide it.') % review.name)
        return super(TierReview, self).write(vals)

    @api.multi
    def unlink(self):
        if not self.env.user._is_superuser() and self.filtered(lambda r: r.status != 'pending'):
            raise AccessError(_('A decided review cannot be deleted.'))
        return super(TierReview, self).unlink()
