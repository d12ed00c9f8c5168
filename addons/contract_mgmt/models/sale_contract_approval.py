from odoo import _, api, fields, models
from odoo.exceptions import UserError

# What the reviewers approve: it is frozen while under review.
APPROVAL_BASIS_FIELDS = {'line_ids', 'amount_total', 'amount_manual', 'partner_id', 'currency_id', 'company_id',
                         'payment_plan_ids', 'date_start', 'date_end', 'user_id', 'team_id', 'contract_type_id'}


class SaleContract(models.Model):
    """Contract approval (合同审批) through OCA base_tier_validation (sale.tier.approval.mixin).

    Submitting a contract asks the reviewers of the company's tier definitions for contracts that it meets
    (by amount, by team, by type... e.g. the team's leader up to an amount, the sales director beyond); it is
    approved once every review is, refused back to draft by one refusal. Nobody approves his own contract;
    reviews are decided only by their reviewers (sales_funnel's tier.review guard). Without any tier for the
    contract, a sales manager approves it.
    """
    _name = 'sale.contract'
    _inherit = ['sale.contract', 'sale.tier.approval.mixin']
    _state_field = 'state'
    _state_from = ['waiting_approval']
    _state_to = ['approved']
    _cancel_state = 'draft'
    _approval_activity_type = 'contract_mgmt.mail_activity_type_contract_approval'

    @api.multi
    def action_submit(self):
        for contract in self:
            contract.check_access_rule('write')
            contract._check_state_transition('waiting_approval')
            contract._check_ready_for_approval()
            contract._request_approval()
        return True

    def _check_ready_for_approval(self):
        """What a contract needs before it goes to its approvers."""
        if self.currency_id.compare_amounts(self.amount_total, 0.0) <= 0:
            raise UserError(_('Contract %s has no amount: add its lines (or its amount) before submitting it.')
                            % self.name)

    @api.multi
    def action_approve(self):
        for contract in self:
            contract._decide_by_reviews_or_state_table(approved=True)
        return True

    @api.multi
    def action_refuse(self):
        for contract in self:
            contract._decide_by_reviews_or_state_table(approved=False)
        return True

    def _own_approval_error(self):
        if self.user_id == self.env.user:
            return _('You cannot approve your own contract.')
        return None

    def _record_decision(self, approved):
        values = {'approver_id': self.env.uid, 'approval_date': fields.Datetime.now()}
        if not approved:
            values = {'approver_id': False, 'approval_date': False}
            self.sudo().review_ids.unlink()
        self.sudo().write(values)
        self._clear_approval_activities()
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
