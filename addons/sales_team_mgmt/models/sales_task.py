from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .sales_plan import SALE_MANAGER


class SalesTask(models.Model):
    """A task (任务) given to one or several salespeople with a deadline; each assignee has his own part
    (sales.task.assignment). The task is done when every part is done."""
    _name = 'sales.task'
    _inherit = ['mail.thread', 'mail.activity.mixin']
    _description = 'Sales Task'
    _order = 'state, deadline, id desc'

    name = fields.Char(string='Task', required=True, track_visibility='onchange')
    description = fields.Text()
    deadline = fields.Date(required=True, index=True, track_visibility='onchange')
    user_id = fields.Many2one('res.users', string='Created by', required=True, index=True, ondelete='restrict',
                              default=lambda self: self.env.user, track_visibility='onchange')
    team_id = fields.Many2one('crm.team', string='Sales Team', compute='_compute_team_id', store=True, index=True,
                              help="The creator's team: its leaders see and manage the task.")
    partner_id = fields.Many2one('res.partner', string='Customer', index=True, ondelete='set null',
                                 domain=[('customer', '=', True)])
    lead_id = fields.Many2one('crm.lead', string='Opportunity', index=True, ondelete='set null')
    assignment_ids = fields.One2many('sales.task.assignment', 'task_id', string='Assignees')
    is_cancelled = fields.Boolean(string='Cancelled', readonly=True, copy=False)
    state = fields.Selection([
        ('open', 'Open'),
        ('done', 'Done'),
        ('cancelled', 'Cancelled'),
    ], compute='_compute_state', store=True, index=True,
        help='Done once every assignee has done his part; cancelled by its creator or his team lead.')
    progress = fields.Float(compute='_compute_progress', help='Average progress of the parts, in percent.')
    is_overdue = fields.Boolean(string='Overdue', compute='_compute_is_overdue', search='_search_is_overdue',
                                help='Still open after its deadline.')
    can_manage = fields.Boolean(compute='_compute_can_manage')
    company_id = fields.Many2one('res.company', required=True, index=True,
                                 default=lambda self: self.env['res.company']._company_default_get('sales.task'))

    @api.depends('user_id')
    def _compute_team_id(self):
        for task in self:
            task.team_id = task.user_id.sale_team_id

    @api.depends('is_cancelled', 'assignment_ids.state')
    def _compute_state(self):
        for task in self:
            if task.is_cancelled:
                task.state = 'cancelled'
            elif task.assignment_ids and all(part.state == 'done' for part in task.assignment_ids):
                task.state = 'done'
            else:
                task.state = 'open'

    @api.depends('assignment_ids.progress')
    def _compute_progress(self):
        for task in self:
            parts = task.assignment_ids
            task.progress = sum(parts.mapped('progress')) / len(parts) if parts else 0.0

    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for task in self:
            task.is_overdue = task.state == 'open' and bool(task.deadline) and task.deadline < today

    def _search_is_overdue(self, operator, value):
        overdue = ['&', ('state', '=', 'open'), ('deadline', '<', fields.Date.context_today(self))]
        if (operator == '=') == bool(value):
            return overdue
        return ['|', ('state', '!=', 'open'), ('deadline', '>=', fields.Date.context_today(self))]

    def _compute_can_manage(self):
        for task in self:
            task.can_manage = task._may_manage(self.env.user)

    # ------------------------------------------------------------------ who may do what

    def _may_manage(self, user):
        """Its creator, the leaders of the creator's team (and teams above), a sales director."""
        return user._is_superuser() or user.has_group(SALE_MANAGER) or user == self.user_id or (
            self.team_id and self.team_id.id in user.sales_led_team_ids())

    @api.multi
    def _check_may_manage(self):
        for task in self:
            if not task._may_manage(self.env.user):
                raise UserError(_('Only its creator, his team lead or a sales director may change task %s; '
                                  'an assignee updates his own part.') % task.name)

    # ------------------------------------------------------------------ ORM

    @api.model
    def create(self, vals):
        user = self.env.user
        if vals.get('user_id', user.id) != user.id and not (user._is_superuser() or user.has_group(SALE_MANAGER)):
            raise UserError(_('You may create tasks in your own name only.'))
        return super(SalesTask, self).create(vals)

    @api.multi
    def write(self, vals):
        # The parts check who changes them themselves: an assignee saves his part through the task form.
        if any(not name.startswith(('message_', 'activity_')) and name != 'assignment_ids' for name in vals):
            self._check_may_manage()
        result = super(SalesTask, self).write(vals)
        if 'deadline' in vals:
            for task in self:
                task._assignee_activities().write({'date_deadline': task.deadline})
        return result

    @api.multi
    def unlink(self):
        self._check_may_manage()
        return super(SalesTask, self).unlink()

    # ------------------------------------------------------------------ buttons

    @api.multi
    def action_cancel(self):
        self.write({'is_cancelled': True})
        self._assignee_activities().unlink()
        return True

    @api.multi
    def action_reopen(self):
        self.write({'is_cancelled': False})
        for part in self.mapped('assignment_ids').filtered(lambda part: part.state == 'todo'):
            part._schedule_activity()
        return True

    def _assignee_activities(self, users=None):
        """The assignees' to-dos on these tasks (only ours, not activities planned by hand)."""
        activity_type = self.env.ref('sales_team_mgmt.mail_activity_type_sales_task')
        return self.sudo().mapped('activity_ids').filtered(
            lambda a: a.activity_type_id == activity_type and (users is None or a.user_id in users))
