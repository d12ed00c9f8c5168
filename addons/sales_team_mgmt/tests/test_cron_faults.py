"""The server killed during the sales team's scheduled actions: the next run completes the work, once."""
from datetime import date, timedelta
from unittest.mock import patch

from odoo import fields

from odoo.addons.crm_lifecycle.tests.common import killed_after_batch, rerun_in_batches
from odoo.addons.sales_team_mgmt.models import sales_commission_line, sales_ranking_snapshot, sales_task_overdue

from .performance_common import PerformanceCase
from .test_commission import CommissionCase
from .test_work_report import WorkCase


class TestCommissionCronFaults(CommissionCase):

    def test_commission_catch_up_killed_after_first_batch(self):
        self.rule.date_to = False
        Line = self.env['sales.commission.line']
        day = fields.Date.to_string(fields.Date.from_string(fields.Date.context_today(self.rule)) - timedelta(days=3))
        payments = [self._pay(invoice, invoice.amount_total, date=day)
                    for invoice in [self._invoice(amount, date=day) for amount in (10000.0, 20000.0, 30000.0)]]
        refund = self._invoice(5000.0, type='out_refund', date=day)
        hooked = sorted((line.source_key, line.base_amount, line.payment_id.id) for line in self._lines())
        self.assertEqual(len(hooked), 4, 'what one clean run gives: a line per payment and the credit note')
        # the hooks could not run: the catch-up has it all to do (the demo's rules are off, see CommissionCase)
        self._lines().unlink()

        def ours(env):
            return bool(Line.search_count([('user_id', '=', self.salesperson.id)]))

        # one payment a batch; the template's payments come first: killed after the first batch of ours
        with killed_after_batch(self, sales_commission_line, batch_size=1, kill_when=ours):
            Line._cron_compute_recent()
        self.assertEqual(self._lines().mapped('payment_id'), payments[0], 'the first payment only')

        rerun_in_batches(sales_commission_line, 1, Line._cron_compute_recent)
        lines = self._lines()
        self.assertEqual(sorted((line.source_key, line.base_amount, line.payment_id.id) for line in lines), hooked)
        self.assertEqual(len(set(lines.mapped('source_key'))), 4, 'no source twice')
        for payment in payments:
            self.assertEqual(len(lines.filtered(lambda line: line.payment_id == payment)), 1)
        self.assertEqual(lines.filtered(lambda line: not line.payment_id).invoice_id, refund)


class TestRankingCronFaults(PerformanceCase):

    def test_snapshots_killed_after_first_company(self):
        Snapshot = self.env['sales.ranking.snapshot']
        other = self.env['res.company'].create({'name': '测试排名乙公司'})
        companies = self.company | other
        day = '2026-03-10'

        def snapshots(company):
            return Snapshot.search([('company_id', '=', company.id), ('date', '=', day)])

        # a batch is one company (its rankings of every metric): the cron does all companies this way
        with killed_after_batch(self, sales_ranking_snapshot):
            Snapshot._take_snapshots(companies, day)
        taken = snapshots(self.company)
        self.assertEqual(len(taken), len(sales_ranking_snapshot.RANKING_METRICS), 'the first company, every metric')
        self.assertTrue(taken.mapped('line_ids'))
        lines = {snapshot.metric: sorted((line.rank, line.user_id.id, line.value) for line in snapshot.line_ids)
                 for snapshot in taken}
        self.assertFalse(snapshots(other), 'the second company is not done yet')

        Snapshot._take_snapshots(companies, day)
        self.assertEqual(snapshots(self.company), taken, 'the first company\'s rankings stay as they were taken')
        self.assertEqual({snapshot.metric: sorted((line.rank, line.user_id.id, line.value)
                                                  for line in snapshot.line_ids) for snapshot in taken}, lines)
        self.assertEqual(sorted(snapshots(other).mapped('metric')),
                         sorted(metric for metric, __ in sales_ranking_snapshot.RANKING_METRICS))
        for company in companies:
            for metric, __ in sales_ranking_snapshot.RANKING_METRICS:
                self.assertEqual(len(snapshots(company).filtered(lambda s: s.metric == metric)), 1, metric)


class TestTaskCronFaults(WorkCase):

    def test_overdue_reminders_killed_after_first_batch(self):
        Task = self.env['sales.task']
        # the template's overdue tasks are reminded first: the killed run then sees only ours
        Task._cron_remind_overdue()
        past = fields.Date.to_string(date.today() - timedelta(days=2))
        tasks = Task
        for number in range(3):
            tasks |= Task.sudo(self.region_lead).create({
                'name': '测试故障催收%d' % number, 'deadline': past,
                'assignment_ids': [(0, 0, {'user_id': user.id, 'name': '催收%s的客户' % user.name})
                                   for user in (self.sales, self.colleague)]})
        tasks = tasks.sudo()

        def reminders(task):
            return task.message_ids.filtered(lambda message: 'is overdue since' in (message.body or ''))

        with killed_after_batch(self, sales_task_overdue, batch_size=2):
            Task._cron_remind_overdue()
        self.env.cache.invalidate()
        self.assertEqual([len(reminders(task)) for task in tasks], [1, 1, 0], 'the first batch of two')
        self.assertEqual(tasks.mapped('overdue_reminded_deadline'), [past, past, False])

        rerun_in_batches(sales_task_overdue, 2, Task._cron_remind_overdue)
        self.env.cache.invalidate()
        for task in tasks:
            notice = reminders(task)
            self.assertEqual(len(notice), 1, 'each task reminded once')
            self.assertEqual(notice.partner_ids, self.sales.partner_id | self.colleague.partner_id)
            self.assertEqual(task.overdue_reminded_deadline, past)

    def test_one_failing_task_stops_neither_the_others_nor_the_next_run(self):
        Task = self.env['sales.task']
        Task._cron_remind_overdue()
        past = fields.Date.to_string(date.today() - timedelta(days=2))
        tasks = Task
        for number in range(3):
            tasks |= Task.sudo(self.region_lead).create({
                'name': '测试故障出错%d' % number, 'deadline': past,
                'assignment_ids': [(0, 0, {'user_id': self.sales.id, 'name': '催收'})]})
        tasks = tasks.sudo()
        failing = tasks[1]
        original = type(Task)._remind_overdue

        def remind_or_fail(task):
            if task == failing:
                task.write({'overdue_reminded_deadline': past})   # written, then rolled back with the failure
                raise RuntimeError('测试：邮件服务器不可用')
            return original(task)
        with patch.object(type(Task), '_remind_overdue', remind_or_fail), \
                self.assertLogs(sales_task_overdue.__name__, level='ERROR'):
            Task._cron_remind_overdue()
        self.env.cache.invalidate()
        self.assertEqual(tasks.mapped('overdue_reminded_deadline'), [past, False, past])
        Task._cron_remind_overdue()
        self.env.cache.invalidate()
        self.assertEqual(tasks.mapped('overdue_reminded_deadline'), [past, past, past])
        self.assertEqual([len(task.message_ids.filtered(lambda m: 'is overdue since' in (m.body or '')))
                          for task in tasks], [1, 1, 1])
