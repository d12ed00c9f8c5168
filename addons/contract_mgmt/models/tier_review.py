from odoo import _, api, models
from odoo.exceptions import AccessError

DECISION_FIELDS = {'status', 'done_by', 'reviewed_date'}


class TierReview(models.Model):
    _inherit = 'tier.review'

    def _get_reviewers(self):
        if self.review_type != 'team_leader':
            return super(TierReview, self)._get_reviewers()
        document = self.env[self.model].sudo().browse(self.res_id)
        return document.team_id.user_id if 'team_id' in document._fields else self.env['res.users']

    @api.multi
    def write(self, vals):
        """A reviewer who owns the document (its salesperson) does not decide its review, even directly."""
        if DECISION_FIELDS & set(vals) and not self.env.user._is_superuser():
            for review in self:
                document = self.env[review.model].sudo().browse(review.res_id)
                if 'user_id' in document._fields and document.user_id == self.env.user:
                    raise AccessError(_('You cannot decide the review of your own document %s.')
                                      % document.display_name)
        return super(TierReview, self).write(vals)
