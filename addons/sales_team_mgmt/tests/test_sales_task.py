from datetime import date, timedelta

from odoo import fields
from odoo.addons.crm_lifecycle.tests.common import create_user
from odoo.exceptions import AccessError, UserError, ValidationError

from .test_work_report import WorkCase


class TestSalesTask(WorkCase):
    """任务: several assignees, each marks his own part done; the task is done when all parts are."""

    @classmethod
    def setUpClass(cls):
        super(TestSalesTask, cls).setUpClass()
        cls.task_type = cls.env.ref('sales_team_mgmt.mail_activity_type_sales_task')
        cls.deadline = fields.Date.to_string(date.today() + timedelta(days=10))

    def _task(self, creator=None, assignees=None, **values):
        creator = creator or self.region_lead
        assignees = assignees if assignees is not None else (self.sales, self.colleague)
        vals = {'name': '测试年底回款催收', 'deadline': self.deadline,
                'assignment_ids': [(0, 0, {'user_id': user.id, 'name': '催收%s的客户' % user.name})
                                   for user in assignees]}
        vals.update(values)
        return self.env['sales.task'].sudo(creator).create(vals)

    def _todos(self, task):
        return self.env['mail.activity'].search([('res_model', '=', 'sales.task'), ('res_id', '=', task.id),
                                                 ('activity_type_id', '=', self.task_type.id)])

    def _part(self, task, user):
        return task.assignment_ids.filtered(lambda part: part.user_id == user)

    def test_task_is_done_when_every_part_is_done(self):
        task = self._task()
        self.assertEqual(task.state, 'open')
        todos = self._todos(task)
        self.assertEqual(todos.mapped('user_id'), self.sales | self.colleague)
        self.assertEqual(set(todos.mapped('date_deadline')), {self.deadline})
        self._part(task, self.sales).sudo(self.sales).action_done()
        part = self._part(task, self.sales)
        self.assertEqual((part.state, part.progress, part.date_done), ('done', 100, fields.Date.context_today(part)))
        self.assertEqual(task.state, 'open')
        self.assertEqual(task.progress, 50)
        self.assertEqual(self._todos(task).mapped('user_id'), self.colleague)
        # The colleague saves his part through the task form.
        task.sudo(self.colleague).write({'assignment_ids': [
            (1, self._part(task, self.colleague).id, {'state': 'done', 'note': '已全部对账。'})]})
        self.assertEqual(task.state, 'done')
        self.assertFalse(self._todos(task))
        self.assertTrue(task.message_ids.filtered(lambda message: 'All parts are done' in (message.body or '')))
        # Reopening a part reopens the task and the assignee's to-do.
        self._part(task, self.colleague).sudo(self.colleague).action_todo()
        self.assertEqual(task.state, 'open')
        self.assertEqual(self._todos(task).user_id, self.colleague)

    def test_assignee_cannot_close_another_part(self):
        task = self._task()
        colleague_part = self._part(task, self.colleague)
        for user in (self.sales, self.region_lead):  # another assignee, or even the creator
            with self.assertRaisesRegex(UserError, 'Only 测试销售李 may update'), self.cr.savepoint():
                colleague_part.sudo(user).action_done()
            with self.assertRaisesRegex(UserError, 'Only 测试销售李 may update'), self.cr.savepoint():
                task.sudo(user).write({'assignment_ids': [(1, colleague_part.id, {'state': 'done'})]})
        colleague_part.invalidate_cache()
        self.assertEqual((colleague_part.state, task.state), ('todo', 'open'))
        with self.assertRaisesRegex(ValidationError, 'between 0 and 100'), self.cr.savepoint():
            colleague_part.sudo(self.colleague).write({'progress': 120})

    def test_only_creator_or_lead_changes_the_task(self):
        task = self._task()
        as_assignee = task.sudo(self.sales)
        with self.assertRaisesRegex(UserError, 'Only its creator'), self.cr.savepoint():
            as_assignee.write({'deadline': '2000-01-01'})
        with self.assertRaisesRegex(UserError, 'Only its creator'), self.cr.savepoint():
            self.env['sales.task.assignment'].sudo(self.sales).create({'task_id': task.id,
                                                                       'user_id': self.other_lead.id})
        with self.assertRaisesRegex(UserError, 'Only its creator'), self.cr.savepoint():
            as_assignee.action_cancel()
        with self.assertRaisesRegex(UserError, 'Only its creator'), self.cr.savepoint():
            self._part(task, self.colleague).sudo(self.sales).unlink()
        task.invalidate_cache()
        self.assertEqual((task.deadline, len(task.assignment_ids), task.state), (self.deadline, 2, 'open'))
        # The creator adds an assignee and moves the deadline: every to-do follows.
        new_deadline = fields.Date.to_string(date.today() + timedelta(days=20))
        task.sudo(self.region_lead).write({'deadline': new_deadline,
                                           'assignment_ids': [(0, 0, {'user_id': self.other_lead.id})]})
        self.assertEqual(len(self._todos(task)), 3)
        self.assertEqual(set(self._todos(task).mapped('date_deadline')), {new_deadline})
        self.assertIn(self.other_lead.partner_id, task.message_partner_ids)
        with self.assertRaisesRegex(UserError, '测试销售张 already has a part'), self.cr.savepoint():
            self.env['sales.task.assignment'].sudo(self.region_lead).create({'task_id': task.id,
                                                                             'user_id': self.sales.id})
        # The director cancels it: no to-do is left.
        task.sudo(self.director).action_cancel()
        self.assertEqual(task.state, 'cancelled')
        self.assertFalse(self._todos(task))

    def test_who_sees_which_task(self):
        task = self._task(assignees=(self.sales,))
        outsider = create_user(self.env, 'test_task_outsider', '测试外组销售', ['sales_team.group_sale_salesman'],
                               sale_team_id=self.other_team.id)
        Task = self.env['sales.task']
        for user in (self.sales, self.region_lead, self.director):
            self.assertEqual(Task.sudo(user).search([('id', '=', task.id)]), task)
            self.assertEqual(len(task.sudo(user).assignment_ids), 1)
        for user in (self.colleague, self.other_lead, outsider):
            self.assertFalse(Task.sudo(user).search([('id', '=', task.id)]))
            with self.assertRaises(AccessError), self.cr.savepoint():
                task.sudo(user).read(['name'])
        # A task the director gives to a region member is visible to the region's lead.
        given = self._task(self.director, assignees=(self.colleague,))
        self.assertEqual(Task.sudo(self.region_lead).search([('id', '=', given.id)]), given)
        self.assertFalse(Task.sudo(self.sales).search([('id', '=', given.id)]))
        self.assertFalse(Task.sudo(self.other_lead).search([('id', '=', given.id)]))
        with self.assertRaisesRegex(UserError, 'own name'), self.cr.savepoint():
            self._task(self.sales, user_id=self.region_lead.id)

    def test_overdue_filter(self):
        past = fields.Date.to_string(date.today() - timedelta(days=1))
        late = self._task(assignees=(self.sales,), deadline=past)
        on_time = self._task(assignees=(self.sales,), name='测试按期任务')
        done_late = self._task(assignees=(self.sales,), deadline=past, name='测试已完成任务')
        self._part(done_late, self.sales).sudo(self.sales).action_done()
        ours = late | on_time | done_late
        Task = self.env['sales.task'].sudo(self.sales)
        self.assertEqual(Task.search([('id', 'in', ours.ids), ('is_overdue', '=', True)]), late)
        self.assertEqual(Task.search([('id', 'in', ours.ids), ('is_overdue', '=', False)]), on_time | done_late)
        self.assertEqual((late.is_overdue, on_time.is_overdue, done_late.is_overdue), (True, False, False))

    def test_overdue_reminder_once_per_deadline(self):
        past = fields.Date.to_string(date.today() - timedelta(days=2))
        late = self._task(deadline=past)
        self._part(late, self.sales).sudo(self.sales).action_done()
        on_time = self._task(name='测试按期任务')
        Task = self.env['sales.task']

        def reminders(task):
            return task.message_ids.filtered(lambda message: 'is overdue since' in (message.body or ''))
        Task._cron_remind_overdue()
        Task._cron_remind_overdue()  # a re-run reminds nobody twice
        notice = reminders(late)
        self.assertEqual(len(notice), 1)
        self.assertEqual(notice.partner_ids, self.colleague.partner_id)  # the part not done only
        self.assertFalse(reminders(on_time))
        # A new deadline, passed again, gets its own reminder.
        late.sudo(self.region_lead).write({'deadline': fields.Date.to_string(date.today() - timedelta(days=1))})
        Task._cron_remind_overdue()
        self.assertEqual(len(reminders(late)), 2)
