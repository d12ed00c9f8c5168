from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

# What the assignee himself reports on his part; the task's managers set who does what.
ASSIGNEE_FIELDS = ('state', 'progress', 'date_done', 'note')


class SalesTaskAssignment(models.Model):
    """One assignee's part of a sales task, which he alone marks done."""
    _name = 'sales.task.assignment'
    _description = 'Sales Task Assignment'
    _order = 'task_id, id'

    task_id = fields.Many2one('sales.task', string='Task', required=True, index=True, ondelete='cascade')
    user_id = fields.Many2one('res.users', string='Assignee', required=True, index=True, ondelete='restrict')
    name = fields.Char(string='Part', help="What this assignee has to do.")
    state = fields.Selection([('todo', 'To Do'), ('done', 'Done')], default='todo', required=True, index=True)
    date_done = fields.Date(string='Done on', readonly=True)
    progress = fields.Integer(string='Progress (%)', default=0)
    note = fields.Text(help="The assignee's note on his part.")
    deadline = fields.Date(related='task_id.deadline', readonly=True)
    company_id = fields.Many2one('res.company', related='task_id.company_id', store=True, index=True, readonly=True)

    _sql_constraints = [
        ('task_user_unique', 'UNIQUE(task_id, user_id)', 'Each assignee has one part of a task.'),
    ]

    @api.constrains('progress')
    def _check_progress(self):
        for part in self:
            if not 0 <= part.progress <= 100:
                raise ValidationError(_('The progress must be between 0 and 100 percent.'))

    # ------------------------------------------------------------------ ORM

    @api.model
    def create(self, vals):
        vals = dict(vals)
        if vals.get('state') == 'done':
            vals.update(progress=100, date_done=fields.Date.context_today(self))
        existing = self.sudo().search([('task_id', '=', vals.get('task_id')), ('user_id', '=', vals.get('user_id'))],
                                      limit=1)
        if existing:  # before the SQL constraint, to say who
            raise UserError(_('%(user)s already has a part in task %(task)s.') % {
                'user': existing.user_id.name, 'task': existing.task_id.name})
        part = super(SalesTaskAssignment, self).create(vals)
        part.task_id._check_may_manage()
        if part.task_id.is_cancelled:
            raise UserError(_('Task %s is cancelled: reopen it before adding assignees.') % part.task_id.name)
        part.task_id.sudo().message_subscribe(partner_ids=part.user_id.partner_id.ids)
        if part.state == 'todo':
            part._schedule_activity()
        return part

    @api.multi
    def write(self, vals):
        vals = dict(vals)
        user = self.env.user
        for part in self:
            if any(name not in ASSIGNEE_FIELDS for name in vals):
                part.task_id._check_may_manage()
                if 'user_id' in vals and vals['user_id'] != part.user_id.id:
                    raise UserError(_('The part of %s cannot be handed to someone else: remove it and add the '
                                      'new assignee.') % part.user_id.name)
            if any(name in ASSIGNEE_FIELDS for name in vals) and part.user_id != user and not user._is_superuser():
                raise UserError(_('Only %(user)s may update his part of task %(task)s.') % {
                    'user': part.user_id.name, 'task': part.task_id.name})
            if part.task_id.is_cancelled:
                raise UserError(_('Task %s is cancelled and cannot be changed.') % part.task_id.name)
        if vals.get('state') == 'done':
            vals.update(progress=100, date_done=fields.Date.context_today(self))
        elif vals.get('state') == 'todo':
            vals['date_done'] = False
        tasks = self.mapped('task_id')
        states_before = {task.id: task.state for task in tasks}
        result = super(SalesTaskAssignment, self).write(vals)
        if vals.get('state') == 'done':
            self.mapped('task_id')._assignee_activities(self.mapped('user_id')).unlink()
        elif vals.get('state') == 'todo':
            for part in self:
                part._schedule_activity()
        for task in tasks.filtered(lambda task: task.state == 'done' and states_before[task.id] != 'done'):
            task.sudo().message_post(body=_('All parts are done: the task is done.'),
                                     subtype='mail.mt_comment', partner_ids=task.user_id.partner_id.ids)
        return result

    @api.multi
    def unlink(self):
        self.mapped('task_id')._check_may_manage()
        for part in self:
            part.task_id._assignee_activities(part.user_id).unlink()
        return super(SalesTaskAssignment, self).unlink()

    @api.multi
    def action_done(self):
        return self.write({'state': 'done'})

    @api.multi
    def action_todo(self):
        return self.write({'state': 'todo'})

    def _schedule_activity(self):
        """The assignee's to-do, due on the task's deadline (once per part)."""
        task = self.task_id
        if task._assignee_activities(self.user_id):
            return
        self.env['mail.activity'].sudo().create({
            'res_model_id': self.env['ir.model']._get('sales.task').id, 'res_id': task.id,
            'activity_type_id': self.env.ref('sales_team_mgmt.mail_activity_type_sales_task').id,
            'user_id': self.user_id.id, 'date_deadline': task.deadline,
            'summary': self.name or task.name})
