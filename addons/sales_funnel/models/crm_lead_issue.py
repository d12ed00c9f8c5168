from odoo import _, api, fields, models
from odoo.exceptions import UserError

ISSUE_RATINGS = [
    ('1', 'Very Poor'),
    ('2', 'Poor'),
    ('3', 'Fair'),
    ('4', 'Good'),
    ('5', 'Excellent'),
]


class CrmLeadIssue(models.Model):
    """A problem or exception on an opportunity (a complaint, a technical doubt, a delivery risk …)
    handled as a task: the actions taken, then an evaluation of how it was solved, with a rating.
    A closed issue always has at least one action, an evaluation and a rating."""
    _name = 'crm.lead.issue'
    _inherit = ['mail.thread', 'crm.state.machine.mixin']
    _description = 'Opportunity Issue'
    _order = 'id desc'

    # Legal state changes {from: {to: group required, or None}}, enforced by crm.state.machine.mixin.
    _STATE_TRANSITIONS = {
        'open': {'in_progress': None, 'done': None, 'cancelled': None},
        'in_progress': {'open': None, 'done': None, 'cancelled': None},
        'done': {'in_progress': None},
        'cancelled': {'open': None},
    }

    lead_id = fields.Many2one('crm.lead', 'Opportunity', required=True, index=True, ondelete='cascade')
    name = fields.Char('Problem', required=True, track_visibility='onchange')
    description = fields.Text()
    responsible_id = fields.Many2one('res.users', 'Responsible', index=True, track_visibility='onchange',
                                     default=lambda self: self.env.user)
    deadline = fields.Date(index=True, track_visibility='onchange')
    state = fields.Selection(string='Status', selection=[
        ('open', 'Open'),
        ('in_progress', 'In Progress'),
        ('done', 'Done'),
        ('cancelled', 'Cancelled'),
    ], default='open', required=True, readonly=True, copy=False, index=True, track_visibility='onchange')
    action_ids = fields.One2many('crm.lead.issue.action', 'issue_id', string='Actions', copy=False)
    action_count = fields.Integer(compute='_compute_action_count', string='Number of Actions')
    evaluation = fields.Text(copy=False, help='How the problem was solved and what it taught; needed to close.')
    rating = fields.Selection(ISSUE_RATINGS, copy=False, help='How well the problem was solved; needed to close.')
    evaluated_by_id = fields.Many2one('res.users', 'Evaluated By', readonly=True, copy=False)
    evaluated_date = fields.Datetime('Evaluated On', readonly=True, copy=False)
    company_id = fields.Many2one(related='lead_id.company_id', store=True, readonly=True, index=True)

    @api.depends('action_ids')
    def _compute_action_count(self):
        for issue in self:
            issue.action_count = len(issue.action_ids)

    @api.model
    def create(self, vals):
        if vals.get('state', 'open') != 'open':
            raise UserError(_('An issue is created open; log its actions, then close it.'))
        return super(CrmLeadIssue, self).create(vals)

    @api.multi
    def write(self, vals):
        if 'state' in vals and 'action_ids' in vals:
            # Actions are changed while the issue is open: before closing it, after reopening it.
            actions = {'action_ids': vals['action_ids']}
            others = {name: value for name, value in vals.items() if name != 'action_ids'}
            if vals['state'] in ('done', 'cancelled'):
                return self.write(actions) and self.write(others)
            return self.write(others) and self.write(actions)
        if {'state', 'evaluation', 'rating'} & set(vals):
            self._check_closable(vals)
        if vals.get('state') == 'done' and self.filtered(lambda issue: issue.state != 'done'):
            vals = dict(vals, evaluated_by_id=vals.get('evaluated_by_id') or self.env.uid,
                        evaluated_date=vals.get('evaluated_date') or fields.Datetime.now())
        return super(CrmLeadIssue, self).write(vals)

    def _check_closable(self, vals):
        """A closed issue shows what was done and how well: one action at least, an evaluation, a rating.
        Checked on the issues that are or will be closed once ``vals`` are written (their actions are
        locked while they are closed)."""
        for issue in self:
            if vals.get('state', issue.state) != 'done':
                continue
            missing = []
            if not issue.action_ids:
                missing.append(_('at least one action'))
            if not (vals.get('evaluation', issue.evaluation) or '').strip():
                missing.append(_('an evaluation'))
            if not vals.get('rating', issue.rating):
                missing.append(_('a rating'))
            if missing:
                raise UserError(_('Issue "%(issue)s" cannot be closed without %(missing)s.') % {
                    'issue': issue.name, 'missing': ', '.join(missing)})

    @api.multi
    def action_start(self):
        return self._move_to('in_progress')

    @api.multi
    def action_close(self):
        return self._move_to('done')

    @api.multi
    def action_cancel(self):
        return self._move_to('cancelled')

    @api.multi
    def action_reopen(self):
        for issue in self:
            issue._move_to('in_progress' if issue.state == 'done' else 'open')
        return True
