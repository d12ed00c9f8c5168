from odoo import _, api, fields, models
from odoo.exceptions import UserError

# What the reviewers approve: it does not change while under review.
APPROVAL_BASIS_FIELDS = {'partner_id', 'sale_order_id', 'line_ids', 'company_id'}


class AftersalesReturn(models.Model):
    """Approval of return requests.

    An after-sales manager approves a request. From the company's threshold on (return amount = quantity x
    the order line's net unit price incl. tax), the request needs the tiers of base_tier_validation for
    return requests (by default: any after-sales manager, on needs_tier_approval): it is approved once all
    its reviews are. Nobody approves a request he made or is responsible for, by button or over RPC.
    """
    _name = 'aftersales.return'
    _inherit = ['aftersales.return', 'tier.validation']
    _state_field = 'state'
    _state_from = ['draft']
    _state_to = ['approved']
    _cancel_state = 'refused'

    needs_tier_approval = fields.Boolean(
        'Needs Tier Approval', compute='_compute_needs_tier_approval', store=True, index=True,
        help="The return amount reaches the company's approval threshold: the request is approved through "
             "its approval tiers.")
    approver_id = fields.Many2one('res.users', 'Approved By', readonly=True, copy=False)
    approval_date = fields.Datetime('Approved On', readonly=True, copy=False)
    has_reviews = fields.Boolean(compute='_compute_has_reviews')

    @api.depends('review_ids')
    def _compute_has_reviews(self):
        for request in self:
            request.has_reviews = bool(request.review_ids)

    @api.depends('amount_total', 'company_id.return_approval_threshold')
    def _compute_needs_tier_approval(self):
        for request in self:
            threshold = request.company_id.return_approval_threshold
            request.needs_tier_approval = bool(threshold) and request.amount_total >= threshold

    def _applicable_tiers(self):
        self.ensure_one()
        tiers = self.env['tier.definition'].search([('model', '=', self._name)])
        return tiers.filtered(lambda tier: self.evaluate_tier(tier))

    def _is_own_request(self, user):
        return user in (self.create_uid | self.user_id)

    def _check_state_requirements(self, new_state, vals):
        if new_state == 'approved' and not self.env.user._is_superuser():
            if self._is_own_request(self.env.user):
                raise UserError(_('You cannot approve return request %s: you requested it or are responsible '
                                  'for it.') % self.name)
            if self._applicable_tiers() and not self.validated:
                raise UserError(_('Return request %s reaches the approval threshold: it is approved through its '
                                  'approval tiers (use "Approve").') % self.name)
        return super(AftersalesReturn, self)._check_state_requirements(new_state, vals)

    @api.multi
    def _check_draft(self):
        super(AftersalesReturn, self)._check_draft()
        if not self.env.user._is_superuser():
            for request in self.filtered(lambda r: r.review_ids.filtered(lambda rv: rv.status == 'pending')):
                raise UserError(_('Return request %s is under approval: its order and products cannot change.')
                                % request.name)

    @api.multi
    def _check_allow_write_under_validation(self, vals):
        return not (APPROVAL_BASIS_FIELDS & set(vals))

    # ------------------------------------------------------------------ buttons

    @api.multi
    def action_request_approval(self):
        """Ask the reviewers of the request's tiers (an activity each)."""
        for request in self:
            request.check_access_rule('write')
            if request.state != 'draft':
                raise UserError(_('Return request %s is not a draft.') % request.name)
            if not request.line_ids:
                raise UserError(_('Return request %s has no products to return.') % request.name)
            if request.review_ids:
                continue
            if not request._applicable_tiers():
                raise UserError(_('Return request %s needs no approval tier: an after-sales manager approves '
                                  'it directly.') % request.name)
            request._notify_reviewers(request.request_validation())
        return True

    def _notify_reviewers(self, reviews):
        activity_type = self.env.ref('mail.mail_activity_data_todo')
        model = self.env['ir.model']._get(self._name)
        for user in reviews.mapped('reviewer_ids'):
            self.env['mail.activity'].sudo().create({
                'res_model_id': model.id, 'res_id': self.id, 'activity_type_id': activity_type.id,
                'user_id': user.id, 'summary': _('Approve return request %s') % self.name,
                'date_deadline': fields.Date.context_today(self)})

    @api.multi
    def action_approve(self):
        for request in self:
            if request.state != 'draft':
                raise UserError(_('Return request %s is not waiting for approval.') % request.name)
            if request._applicable_tiers():
                if not request.review_ids:
                    request.action_request_approval()
                if not self.env.user._is_superuser() and self.env.user not in request.reviewer_ids:
                    raise UserError(_('You are not among the approvers of return request %(name)s (%(tiers)s).')
                                    % {'name': request.name, 'tiers': ', '.join(request.review_ids.filtered(
                                        lambda r: r.status == 'pending').mapped('name'))})
                request.validate_tier()
                request.invalidate_cache(['validated', 'rejected'], request.ids)
                if request.validated:
                    request.sudo()._move_to('approved')
                    request._record_approval()
            else:
                request._move_to('approved')
                request._record_approval()
        return True

    def _record_approval(self):
        self.sudo().write({'approver_id': self.env.uid, 'approval_date': fields.Datetime.now()})
        todo = self.env.ref('mail.mail_activity_data_todo')
        self.sudo().activity_ids.filtered(
            lambda a: a.activity_type_id == todo and a.summary == _('Approve return request %s') % self.name).unlink()

    @api.multi
    def validate_tier(self):
        if not self.env.user._is_superuser():
            for request in self:
                if request._is_own_request(self.env.user):
                    raise UserError(_('You cannot approve return request %s: you requested it or are responsible '
                                      'for it.') % request.name)
        super(AftersalesReturn, self).validate_tier()
        return True  # base_tier_validation returns None, which XML-RPC cannot send back

    @api.multi
    def action_refuse(self, reason=None):
        for request in self:
            if request.state == 'draft' and self.env.user in request.reviewer_ids:
                request.reject_tier()
        return super(AftersalesReturn, self).action_refuse(reason=reason)

    def _notify_accepted_reviews_body(self):
        return _('A return request review was approved by %s.') % self.env.user.name

    def _notify_rejected_review_body(self):
        return _('A return request review was refused by %s.') % self.env.user.name

    def _notify_requested_review_body(self):
        return _('Return request approval requested by %s.') % self.env.user.name
