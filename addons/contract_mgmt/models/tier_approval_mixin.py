from odoo import _, api, fields, models
from odoo.exceptions import UserError


class TierApprovalMixin(models.AbstractModel):
    """Approval of a document of the state machine through OCA base_tier_validation, as contracts and
    contract amendments share it: the tiers of the user's company that the document meets, an activity per
    reviewer, approval once every review is approved, the refusal state on one refusal, and never by one's
    own hand. A model using it sets ``_state_from = ['waiting_approval']``, ``_state_to = ['approved']``,
    ``_cancel_state`` (its refusal state), ``_approval_activity_type`` (xmlid) and defines
    ``_own_approval_error()`` and ``_record_decision(approved)``."""
    _name = 'sale.tier.approval.mixin'
    _inherit = 'tier.validation'
    _description = 'Tier Approval of a Document'

    _approval_activity_type = None

    approval_requested_date = fields.Datetime('Approval Requested On', readonly=True, copy=False)
    approver_id = fields.Many2one('res.users', 'Approved By', readonly=True, copy=False)
    approval_date = fields.Datetime('Approved On', readonly=True, copy=False)
    has_reviews = fields.Boolean(compute='_compute_has_reviews')

    @api.depends('review_ids')
    def _compute_has_reviews(self):
        for document in self:
            document.has_reviews = bool(document.review_ids)

    def _applicable_tiers(self):
        """The tier definitions of the user's company (record rule) for this model that the document meets."""
        self.ensure_one()
        tiers = self.env['tier.definition'].search([('model', '=', self._name)])
        return tiers.filtered(lambda tier: self.evaluate_tier(tier))

    def _request_approval(self):
        """Start a fresh approval: old reviews go, the state moves to waiting approval, reviewers are told."""
        self.sudo().review_ids.unlink()
        self.sudo()._move_to('waiting_approval')
        self.sudo().write({'approval_requested_date': fields.Datetime.now(), 'approver_id': False,
                           'approval_date': False})
        if self._applicable_tiers():
            self._notify_reviewers(self.request_validation())

    def _notify_reviewers(self, reviews):
        """An activity for each reviewer: the approvers' to-do list tells them."""
        activity_type = self.env.ref(self._approval_activity_type)
        model = self.env['ir.model']._get(self._name)
        for user in reviews.mapped('reviewer_ids'):
            self.env['mail.activity'].sudo().create({
                'res_model_id': model.id, 'res_id': self.id, 'activity_type_id': activity_type.id,
                'user_id': user.id, 'summary': _('Approve %(document)s %(name)s') % {
                    'document': self._state_document_label(), 'name': self.name},
                'date_deadline': fields.Date.context_today(self)})

    def _clear_approval_activities(self):
        activity_type = self.env.ref(self._approval_activity_type)
        self.sudo().activity_ids.filtered(lambda a: a.activity_type_id == activity_type).unlink()

    def _own_approval_error(self):
        """The message refusing the current user's decision on his own document, or None."""
        raise NotImplementedError

    def _check_not_own(self):
        if not self.env.user._is_superuser():
            for document in self:
                error = document._own_approval_error()
                if error:
                    raise UserError(error)

    def _check_is_reviewer(self):
        if self.state != 'waiting_approval':
            raise UserError(_('%(document)s %(name)s is not waiting for approval.') % {
                'document': self._state_document_label(), 'name': self.name})
        if not self.env.user._is_superuser() and self.env.user not in self.reviewer_ids:
            raise UserError(_('You are not among the approvers of %(document)s %(name)s (%(tiers)s).') % {
                'document': self._state_document_label(), 'name': self.name,
                'tiers': ', '.join(self.review_ids.filtered(lambda r: r.status == 'pending').mapped('name'))})

    def _decide_by_reviews_or_state_table(self, approved):
        """The button's decision: through the reviews when tiers apply, else as the state table allows."""
        self.ensure_one()
        if approved:
            self._check_not_own()
        if self.review_ids:
            self._check_is_reviewer()
            return self.validate_tier() if approved else self.reject_tier()
        new_state = 'approved' if approved else self._cancel_state
        self._check_state_transition(new_state)
        self.sudo()._move_to(new_state)
        self._record_decision(approved=approved)
        return True

    @api.multi
    def validate_tier(self):
        self._check_not_own()
        super(TierApprovalMixin, self).validate_tier()
        self._decide_approval()
        return True  # base_tier_validation returns None, which XML-RPC cannot send back

    @api.multi
    def reject_tier(self):
        super(TierApprovalMixin, self).reject_tier()
        self._decide_approval()
        return True

    def _decide_approval(self):
        """Every review approved: approved; one refusal: the refusal state."""
        for document in self.filtered(lambda d: d.state == 'waiting_approval'):
            if document.rejected:
                document.sudo()._move_to(document._cancel_state)
                document._record_decision(approved=False)
            elif document.validated:
                document.sudo()._move_to('approved')
                document._record_decision(approved=True)
