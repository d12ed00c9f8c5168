from odoo import _, api, fields, models
from odoo.addons.crm_lifecycle.models.trusted_context import is_module_uninstall
from odoo.exceptions import UserError


class CrmLeadIssueAction(models.Model):
    """One thing done about an issue of an opportunity, and what it gave."""
    _name = 'crm.lead.issue.action'
    _description = 'Issue Action'
    _order = 'date, id'

    issue_id = fields.Many2one('crm.lead.issue', 'Issue', required=True, index=True, ondelete='cascade')
    lead_id = fields.Many2one(related='issue_id.lead_id', store=True, readonly=True, index=True,
                              string='Opportunity')
    date = fields.Date(required=True, default=fields.Date.context_today)
    user_id = fields.Many2one('res.users', 'Done By', required=True, default=lambda self: self.env.user)
    description = fields.Text('What Was Done', required=True)
    result = fields.Text()
    company_id = fields.Many2one(related='issue_id.company_id', store=True, readonly=True, index=True)

    @api.model
    def create(self, vals):
        action = super(CrmLeadIssueAction, self).create(vals)
        action._check_issue_open()
        # the first action taken puts the issue in progress
        action.issue_id.filtered(lambda issue: issue.state == 'open')._move_to('in_progress')
        return action

    @api.multi
    def write(self, vals):
        self._check_issue_open()
        result = super(CrmLeadIssueAction, self).write(vals)
        if 'issue_id' in vals:
            self._check_issue_open()
        return result

    @api.multi
    def unlink(self):
        if not is_module_uninstall(self.env):  # the uninstall removes the demo's closed issues with their actions
            self._check_issue_open()
        return super(CrmLeadIssueAction, self).unlink()

    def _check_issue_open(self):
        """The actions of a closed or cancelled issue are its record: reopen it to change them."""
        for issue in self.mapped('issue_id').filtered(lambda issue: issue.state in ('done', 'cancelled')):
            raise UserError(_('Issue "%s" is closed or cancelled: reopen it to change its actions.') % issue.name)
