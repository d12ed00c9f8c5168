from odoo import _, api, fields, models
from odoo.exceptions import UserError

# What the reviewers approve: it is frozen while under review.
APPROVAL_BASIS_FIELDS = {'line_ids', 'amount_total', 'amount_manual', 'partner_id', 'currency_id', 'company_id',
                         'payment_plan_ids', 'date_start', 'date_end', 'user_id', 'team_id', 'contract_type_id'}


class SaleContract(models.Model):
    """Contract approval (合同审批) through OCA base_tier_validation.

    Submitting a contract asks the reviewers of the company's tier definitions for contracts that it meets
    (by amount, by team, by type... e.g. the team's leader up to an amount, the sales director beyond); it is
    approved once every review is, refused back to draft by one refusal. Nobody approves his own contract;
    reviews are decided only by their reviewers (sales_funnel's tier.review guard). Without any tier for the
    contract, a sales manager approves it.
    """
    _name = 'sale.contract'
    _inherit = ['sale.contract', 'tier.validation']
    _state_field = 'state'
    _state_from = ['waiting_approval']
    _state_to = ['approved']
    _cancel_state = 'draft'

    approval_requested_date = fields.Datetime('Approval Requested On', readonly=True, copy=False)
    approver_id = fields.Many2one('res.users', 'Approved By', readonly=True, copy=False)
    approval_date = fields.Datetime('Approved On', readonly=True, copy=False)
    has_reviews = fields.Boolean(compute='_compute_has_reviews')

    @api.depends('review_ids')
    def _compute_has_reviews(self):
        for contract in self:
            contract.has_reviews = bool(contract.review_ids)

    def _applicable_tiers(self):
        """The tier definitions for contracts of the user's company (record rule) that this contract meets."""
        self.ensure_one()
        tiers = self.env['tier.definition'].search([('model', '=', self._name)])
        return tiers.filtered(lambda tier: self.evaluate_tier(tier))

    @api.multi
    def action_submit(self):
        for contract in self:
            contract.check_access_rule('write')
            contract._check_ready_for_approval()
            # a contract refused before starts a fresh approval
            contract.sudo().review_ids.unlink()
            contract._move_to('waiting_approval')
            contract.sudo().write({'approval_requested_date': fields.Datetime.now(),
                                   'approver_id': False, 'approval_date': False})
            if contract._applicable_tiers():
                contract._notify_reviewers(contract.request_validation())
        return True

    def _check_ready_for_approval(self):
        """What a contract needs before it goes to its approvers."""
        if self.currency_id.compare_amounts(self.amount_total, 0.0) <= 0:
            raise UserError(_('Contract %s has no amount: add its lines (or its amount) before submitting it.')
                            % self.name)

    def _notify_reviewers(self, reviews):
        """An activity for each reviewer: the approvers' to-do list tells them."""
        activity_type = self.env.ref('contract_mgmt.mail_activity_type_contract_approval')
        model = self.env['ir.model']._get(self._name)
        for user in reviews.mapped('reviewer_ids'):
            self.env['mail.activity'].sudo().create({
                'res_model_id': model.id, 'res_id': self.id, 'activity_type_id': activity_type.id,
                'user_id': user.id, 'summary': _('Approve contract %s') % self.name,
                'date_deadline': fields.Date.context_today(self)})

    @api.multi
    def action_approve(self):
        for contract in self:
            if contract.review_ids:
                contract._check_is_reviewer()
                contract.validate_tier()
            else:
                # no tier applies: the state table lets a sales manager approve
                contract._move_to('approved')
                contract._record_decision(approved=True)
        return True

    @api.multi
    def action_refuse(self):
        for contract in self:
            if contract.review_ids:
                contract._check_is_reviewer()
                contract.reject_tier()
            else:
                contract._move_to('draft')
                contract._record_decision(approved=False)
        return True

    def _check_is_reviewer(self):
        if self.state != 'waiting_approval':
            raise UserError(_('Contract %s is not waiting for approval.') % self.name)
        if not self.env.user._is_superuser() and self.env.user not in self.reviewer_ids:
            raise UserError(_('You are not among the approvers of contract %(name)s (%(tiers)s).') % {
                'name': self.name, 'tiers': ', '.join(self.review_ids.filtered(
                    lambda r: r.status == 'pending').mapped('name'))})

    @api.multi
    def validate_tier(self):
        if not self.env.user._is_superuser() and self.filtered(lambda contract: contract.user_id == self.env.user):
            raise UserError(_('You cannot approve your own contract.'))
        result = super(SaleContract, self).validate_tier()
        self._decide_approval()
        return result

    @api.multi
    def reject_tier(self):
        result = super(SaleContract, self).reject_tier()
        self._decide_approval()
        return result

    def _decide_approval(self):
        """Every review approved: the contract is approved; one refusal sends it back to draft."""
        for contract in self.filtered(lambda c: c.state == 'waiting_approval'):
            if contract.rejected:
                contract.sudo()._move_to('draft')
                contract._record_decision(approved=False)
            elif contract.validated:
                contract.sudo()._move_to('approved')
                contract._record_decision(approved=True)

    def _record_decision(self, approved):
        values = {'approver_id': self.env.uid, 'approval_date': fields.Datetime.now()}
        if not approved:
            values = {'approver_id': False, 'approval_date': False}
            self.sudo().review_ids.unlink()
        self.sudo().write(values)
        activity_type = self.env.ref('contract_mgmt.mail_activity_type_contract_approval')
        self.sudo().activity_ids.filtered(lambda a: a.activity_type_id == activity_type).unlink()
        if approved:
            self._on_approved()

    def _on_approved(self):
        """Hook for what follows an approval (the payment plan is generated from its template)."""
        return True

    @api.multi
    def write(self, vals):
        if vals.get('state') == 'approved' and not self.env.user._is_superuser() and self.filtered('review_ids'):
            raise UserError(_('A contract with approval tiers is approved through its reviews: use "Approve".'))
        return super(SaleContract, self).write(vals)

    @api.multi
    def _check_allow_write_under_validation(self, vals):
        """Under review, only what the approvers do not judge may change."""
        return not (APPROVAL_BASIS_FIELDS & set(vals))

    def _notify_accepted_reviews_body(self):
        return _('A contract review was approved by %s.') % self.env.user.name

    def _notify_rejected_review_body(self):
        return _('A contract review was refused by %s.') % self.env.user.name

    def _notify_requested_review_body(self):
        return _('Contract approval requested by %s.') % self.env.user.name
