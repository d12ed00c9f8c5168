import logging

from odoo import _, api, fields, models

from odoo.addons.crm_lifecycle.models.cron_batch import BATCH_SIZE, commit_batch

_logger = logging.getLogger(__name__)


class SalesTaskOverdue(models.Model):
    """Once a task's deadline has passed, the assignees whose part is not done are reminded, once per deadline."""
    _inherit = 'sales.task'

    overdue_reminded_deadline = fields.Date(
        string='Overdue Reminder Sent For', readonly=True, copy=False,
        help='The deadline for which the overdue reminder was sent; a new deadline gets its own reminder.')

    @api.model_cr
    def init(self):
        # The scheduled action picks its tasks from this partial index, not from a loop over tasks.
        self.env.cr.execute("CREATE INDEX IF NOT EXISTS sales_task_open_deadline_idx "
                            "ON sales_task (deadline) WHERE state = 'open'")

    @api.model
    def _overdue_to_remind(self):
        self.env.cr.execute("""
            SELECT id FROM sales_task
             WHERE state = 'open' AND deadline < %s
               AND overdue_reminded_deadline IS DISTINCT FROM deadline
             ORDER BY id""", (fields.Date.context_today(self),))
        return [row[0] for row in self.env.cr.fetchall()]

    @api.model
    def _cron_remind_overdue(self):
        """Scheduled: remind the assignees of open parts of overdue tasks; safe to re-run (once per deadline)."""
        task_ids = self._overdue_to_remind()
        for start in range(0, len(task_ids), BATCH_SIZE):
            for task in self.sudo().browse(task_ids[start:start + BATCH_SIZE]):
                # One task's failure does not stop the others; its flag rolls back with it, for the next run.
                try:
                    with self.env.cr.savepoint():
                        task._remind_overdue()
                except Exception:
                    _logger.exception('Overdue task cron: task %s skipped', task.id)
                    self.env.clear()
            commit_batch(self.env)
        return True

    def _remind_overdue(self):
        """Post the overdue reminder to the assignees whose part is not done, and flag its deadline."""
        self.ensure_one()
        late = self.assignment_ids.filtered(lambda part: part.state == 'todo').mapped('user_id')
        if late:
            self.message_post(
                body=_('This task is overdue since %(deadline)s; not done yet: %(users)s.') % {
                    'deadline': self.deadline, 'users': ', '.join(late.mapped('name'))},
                subtype='mail.mt_comment', partner_ids=late.mapped('partner_id').ids)
        self.write({'overdue_reminded_deadline': self.deadline})
