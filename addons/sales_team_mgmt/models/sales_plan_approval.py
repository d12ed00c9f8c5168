from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .sales_plan import SALE_MANAGER, TEAM_LEAD

# Fields the approval itself writes on a plan that is no longer a draft.
APPROVAL_FIELDS = ('approved_by_id', 'approved_date')


class SalesPlanApproval(models.Model):
    """A team's plan is submitted (报送) to the leader of the team above, who approves or refuses it;
    a sales director may decide any plan. The decision is kept on the plan and in its history."""
    _inherit = 'sales.plan'

    # Team leads may decide too, but only the plans submitted to them (see _check_state_requirements).
    _STATE_TRANSITIONS = {
        'draft': {'submitted': TEAM_LEAD},
        'submitted': {'approved': TEAM_LEAD, 'draft': TEAM_LEAD},
        'approved': {'issued': SALE_MANAGER},
        'issued': {'executing': TEAM_LEAD},
        'executing': {'closed': SALE_MANAGER},
        'closed': {},
    }

    team_id = fields.Many2one('crm.team', string='Sales Team', index=True, track_visibility='onchange',
                              readonly=True, states={'draft': [('readonly', False)]},
                              help='The team whose plan this is; empty for the plan of the whole company.')
    approver_id = fields.Many2one('res.users', string='Approver', compute='_compute_approver_id', store=True,
                                  help='The leader of the team above, who approves the submitted plan; '
                                       'a sales director may always decide.')
    approved_by_id = fields.Many2one('res.users', string='Approved by', readonly=True, copy=False,
                                     track_visibility='onchange')
    approved_date = fields.Datetime(string='Approved on', readonly=True, copy=False)

    @api.depends('team_id.parent_id.user_id')
    def _compute_approver_id(self):
        for plan in self:
            plan.approver_id = plan.team_id.parent_id.user_id

    @api.model
    def _is_writable_after_draft(self, field_name):
        return field_name in APPROVAL_FIELDS or super(SalesPlanApproval, self)._is_writable_after_draft(field_name)

    def _may_decide(self, user):
        """The leader of the team above, or a sales director, decides a submitted plan."""
        return user._is_superuser() or user.has_group(SALE_MANAGER) or (
            self.approver_id and self.approver_id == user)

    def _check_state_requirements(self, new_state, vals):
        if self.state == 'submitted' and new_state in ('approved', 'draft') and not self._may_decide(self.env.user):
            raise UserError(_('You are not allowed to decide sales plan %(plan)s: it was submitted to %(approver)s, '
                              'the leader of the team above; a sales director may decide it too.') % {
                                  'plan': self.display_name,
                                  'approver': self.approver_id.name or _('the sales directors')})
        return super(SalesPlanApproval, self)._check_state_requirements(new_state, vals)

    @api.multi
    def write(self, vals):
        if vals.get('state') == 'approved':
            vals = dict(vals, approved_by_id=self.env.uid, approved_date=fields.Datetime.now())
        elif vals.get('state') == 'draft':
            vals = dict(vals, approved_by_id=False, approved_date=False)
        result = super(SalesPlanApproval, self).write(vals)
        if vals.get('state') == 'submitted':
            self._notify_approver()
        elif 'state' in vals:
            self._clear_approval_activities()
        return result

    def _notify_approver(self):
        """A to-do for the leader above: the plan waits for him."""
        activity_type = self.env.ref('sales_team_mgmt.mail_activity_type_plan_approval')
        model = self.env['ir.model']._get(self._name)
        for plan in self.filtered('approver_id'):
            self.env['mail.activity'].sudo().create({
                'res_model_id': model.id, 'res_id': plan.id, 'activity_type_id': activity_type.id,
                'user_id': plan.approver_id.id, 'summary': _('Approve sales plan %s') % plan.name,
                'date_deadline': fields.Date.context_today(self)})

    def _clear_approval_activities(self):
        activity_type = self.env.ref('sales_team_mgmt.mail_activity_type_plan_approval')
        self.sudo().mapped('activity_ids').filtered(lambda a: a.activity_type_id == activity_type).unlink()
