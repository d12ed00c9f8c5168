from odoo import _, api, fields, models
from odoo.exceptions import UserError

PROJECT_STATES = [
    ('none', 'Not Requested'),
    ('requested', 'Requested'),
    ('approved', 'Approved'),
    ('refused', 'Refused'),
]
# What the reviewers approve: changing it while the 立项 is under review is refused.
PROJECT_BASIS_FIELDS = {'planned_revenue', 'budget_amount', 'partner_id', 'opportunity_type_id', 'product_line_ids',
                        'date_deadline', 'company_id'}


class CrmLead(models.Model):
    """立项 (project approval) of an opportunity through OCA base_tier_validation: the owner requests it,
    the reviewers of the company's tier definitions for opportunities approve or refuse it, and the
    approval is recorded with approver and date. A salesperson cannot approve his own project: only a
    reviewer's validation counts, and tier.review refuses status changes by anyone else."""
    _name = 'crm.lead'
    _inherit = ['crm.lead', 'tier.validation']
    _state_field = 'project_state'
    _state_from = ['requested']
    _state_to = ['approved']
    _cancel_state = 'refused'

    project_state = fields.Selection(PROJECT_STATES, '立项', default='none', required=True, copy=False,
                                     index=True, track_visibility='onchange')
    project_requested_date = fields.Datetime('立项 Requested On', readonly=True, copy=False)
    project_approver_id = fields.Many2one('res.users', '立项 Decided By', readonly=True, copy=False)
    project_approval_date = fields.Datetime('立项 Decided On', readonly=True, copy=False)

    @api.multi
    def write(self, vals):
        if 'project_state' in vals and not self.env.user._is_superuser():
            raise UserError(_('The 立项 state changes only through its buttons: request the approval, and the '
                              'reviewers approve or refuse it.'))
        return super(CrmLead, self).write(vals)

    @api.multi
    def _check_allow_write_under_validation(self, vals):
        """Under review, the opportunity goes on (stages, tasks, notes …); only what was submitted for
        approval is frozen."""
        return not (PROJECT_BASIS_FIELDS & set(vals))

    @api.multi
    def action_request_project_approval(self):
        for lead in self:
            lead.check_access_rule('write')
            if lead.type != 'opportunity':
                raise UserError(_('Only opportunities are submitted for 立项.'))
            if lead.project_state in ('requested', 'approved'):
                raise UserError(_('The 立项 of %s is already %s.') % (
                    lead.name, dict(self._fields['project_state']._description_selection(self.env))[
                        lead.project_state]))
            if not lead.partner_id or lead.planned_revenue <= 0:
                raise UserError(_('%s needs a customer and an expected revenue before its 立项 can be '
                                  'requested.') % lead.name)
            # the tiers of the user's company (record rule on tier.definition) that apply to this opportunity
            tiers = self.env['tier.definition'].search([('model', '=', self._name)])
            if not any(lead.evaluate_tier(tier) for tier in tiers):
                raise UserError(_('No approval tier applies to %s: ask your administrator to define the 立项 '
                                  'tiers for opportunities (Settings ▸ Technical ▸ Tier Definition).') % lead.name)
            lead.sudo().write({
                'project_state': 'requested', 'project_requested_date': fields.Datetime.now(),
                'project_approver_id': False, 'project_approval_date': False})
            lead.request_validation()
        return True

    @api.multi
    def validate_tier(self):
        if not self.env.user._is_superuser() and self.filtered(lambda lead: lead.user_id == self.env.user):
            raise UserError(_('You cannot approve the 立项 of your own opportunity.'))
        super(CrmLead, self).validate_tier()
        self._decide_project()
        return True  # base_tier_validation returns None, which XML-RPC cannot send back

    @api.multi
    def reject_tier(self):
        super(CrmLead, self).reject_tier()
        self._decide_project()
        return True

    def _decide_project(self):
        """Once every review is approved the 立项 is approved; one refusal refuses it."""
        for lead in self.filtered(lambda l: l.project_state == 'requested'):
            state = 'refused' if lead.rejected else 'approved' if lead.validated else None
            if state:
                lead.sudo().write({
                    'project_state': state, 'project_approver_id': self.env.uid,
                    'project_approval_date': fields.Datetime.now()})

    def _notify_accepted_reviews_body(self):
        return _('A 立项 review was approved by %s.') % self.env.user.name

    def _notify_requested_review_body(self):
        return _('立项 requested by %s.') % self.env.user.name
