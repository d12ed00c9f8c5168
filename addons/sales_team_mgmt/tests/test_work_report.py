from odoo.addons.crm_lifecycle.tests.common import create_user
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests.common import SavepointCase


class WorkCase(SavepointCase):
    """销售部 (director) → 测试华东区 (region lead: salesperson, colleague) and 测试华南区 (other lead)."""

    @classmethod
    def setUpClass(cls):
        super(WorkCase, cls).setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang='en_US', tz='Asia/Shanghai'))
        lead_groups = ['sales_team.group_sale_salesman_all_leads']
        sales_groups = ['sales_team.group_sale_salesman']
        Team = cls.env['crm.team']
        cls.director = create_user(cls.env, 'test_work_director', '测试总监', ['sales_team.group_sale_manager'])
        cls.department = Team.create({'name': '测试工作销售部', 'user_id': cls.director.id})
        cls.region_lead = create_user(cls.env, 'test_work_lead', '测试区域经理', lead_groups)
        cls.other_lead = create_user(cls.env, 'test_work_other_lead', '测试华南经理', lead_groups)
        cls.region = Team.create({'name': '测试工作华东区', 'parent_id': cls.department.id,
                                  'user_id': cls.region_lead.id})
        cls.other_team = Team.create({'name': '测试工作华南区', 'parent_id': cls.department.id,
                                      'user_id': cls.other_lead.id})
        cls.director.sale_team_id = cls.department
        cls.region_lead.sale_team_id = cls.region
        cls.other_lead.sale_team_id = cls.other_team
        cls.sales = create_user(cls.env, 'test_work_sales', '测试销售张', sales_groups, sale_team_id=cls.region.id,
                                tz='Asia/Shanghai')
        cls.colleague = create_user(cls.env, 'test_work_colleague', '测试销售李', sales_groups,
                                    sale_team_id=cls.region.id)
        cls.review_type = cls.env.ref('sales_team_mgmt.mail_activity_type_work_report_review')


class TestWorkReport(WorkCase):

    def _report(self, user=None, **values):
        user = user or self.sales
        vals = {'kind': 'daily', 'date': '2026-11-18', 'summary': '拜访客户，确认需求。'}
        vals.update(values)
        return self.env['sales.work.report'].sudo(user).create(vals)

    def _review_todos(self, report):
        return self.env['mail.activity'].search([('res_model', '=', 'sales.work.report'), ('res_id', '=', report.id),
                                                 ('activity_type_id', '=', self.review_type.id)])

    def test_reviewer_is_the_team_lead_or_the_lead_above(self):
        report = self._report()
        self.assertEqual((report.user_id, report.team_id, report.reviewer_id),
                         (self.sales, self.region, self.region_lead))
        self.assertEqual(self._report(self.region_lead).reviewer_id, self.director)
        with self.assertRaisesRegex(UserError, 'own name'), self.cr.savepoint():
            self._report(self.sales, user_id=self.colleague.id, date='2026-11-19')

    def test_one_report_per_salesperson_type_and_period(self):
        self._report()
        with self.assertRaisesRegex(ValidationError, '测试销售张 already has a report'), self.cr.savepoint():
            self._report()
        # A weekly report starts on Monday whatever day is given, and covers the week.
        weekly = self._report(kind='weekly', date='2026-11-18')  # a Wednesday
        self.assertEqual((weekly.date, weekly.date_to), ('2026-11-16', '2026-11-22'))
        with self.assertRaisesRegex(ValidationError, 'already has a report'), self.cr.savepoint():
            self._report(kind='weekly', date='2026-11-20')
        # Others write their own reports for the same day.
        self.assertTrue(self._report(self.colleague))
        # Moving a report onto a taken day is refused too.
        other_day = self._report(date='2026-11-19')
        with self.assertRaisesRegex(ValidationError, 'already has a report'), self.cr.savepoint():
            other_day.write({'date': '2026-11-18'})
        self.assertEqual(other_day.date, '2026-11-19')

    def test_submitted_report_is_read_only_for_its_author(self):
        with self.assertRaisesRegex(UserError, 'is empty'), self.cr.savepoint():
            self._report(summary=False).action_submit()
        report = self._report(line_ids=[(0, 0, {'activity': '电话回访', 'hours': 1})])
        report.action_submit()
        self.assertEqual(report.state, 'submitted')
        as_author = report.sudo(self.sales)
        with self.assertRaisesRegex(UserError, 'can no longer be changed'), self.cr.savepoint():
            as_author.write({'summary': '改写'})
        with self.assertRaises(UserError), self.cr.savepoint():
            as_author.line_ids.write({'hours': 8})
        with self.assertRaises(UserError), self.cr.savepoint():
            self.env['sales.work.report.line'].sudo(self.sales).create({'report_id': report.id, 'activity': '补充'})
        with self.assertRaises(UserError), self.cr.savepoint():
            as_author.line_ids.unlink()
        with self.assertRaisesRegex(UserError, 'can no longer be deleted'), self.cr.savepoint():
            as_author.unlink()
        # Nor can he review or take it back himself.
        with self.assertRaisesRegex(UserError, 'your own work report'), self.cr.savepoint():
            as_author.write({'score': 5})
        with self.assertRaisesRegex(UserError, 'your own work report'), self.cr.savepoint():
            as_author.action_send_back()
        report.invalidate_cache()
        self.assertEqual((report.summary, report.line_ids.hours, report.score, report.state),
                         ('拜访客户，确认需求。', 1.0, 0, 'submitted'))

    def test_review_only_by_the_supervisor(self):
        report = self._report()
        report.action_submit()
        todo = self._review_todos(report)
        self.assertEqual(todo.user_id, self.region_lead)
        # A colleague and the lead of another team do not even see it.
        for user in (self.colleague, self.other_lead):
            with self.assertRaises(AccessError), self.cr.savepoint():
                report.sudo(user).read(['summary'])
        # The supervisor: a score within 1 to 5 is needed.
        as_lead = report.sudo(self.region_lead)
        with self.assertRaisesRegex(UserError, 'Give a score'), self.cr.savepoint():
            as_lead.action_review()
        for score in (6, -1):
            with self.assertRaisesRegex(ValidationError, 'between 1 and 5'), self.cr.savepoint():
                as_lead.write({'score': score})
        as_lead.write({'score': 4, 'review_comment': '客户需求梳理清楚，继续跟进报价。'})
        as_lead.action_review()
        self.assertEqual((report.state, report.reviewed_by_id, report.score), ('reviewed', self.region_lead, 4))
        self.assertTrue(report.reviewed_date)
        self.assertFalse(todo.exists())
        # The author is told, with the comment.
        notice = report.message_ids.filtered(lambda message: self.sales.partner_id in message.partner_ids)
        self.assertEqual(len(notice), 1)
        self.assertIn('客户需求梳理清楚', notice.body)
        self.assertEqual(notice.author_id, self.region_lead.partner_id)
        # Reviewed is final, for the reviewer as well.
        with self.assertRaisesRegex(UserError, 'only while it is submitted'), self.cr.savepoint():
            as_lead.write({'score': 2})
        with self.assertRaisesRegex(UserError, 'cannot go from'), self.cr.savepoint():
            as_lead.write({'state': 'draft'})

    def test_a_lead_who_is_not_the_supervisor_cannot_review(self):
        sub_lead = create_user(self.env, 'test_work_sub_lead', '测试组长', ['sales_team.group_sale_salesman_all_leads'])
        sub_team = self.env['crm.team'].create({'name': '测试工作苏南组', 'parent_id': self.region.id,
                                                'user_id': sub_lead.id})
        member = create_user(self.env, 'test_work_sub_member', '测试组员', ['sales_team.group_sale_salesman'],
                             sale_team_id=sub_team.id)
        report = self._report(member)
        report.sudo(member).action_submit()
        self.assertEqual(report.reviewer_id, sub_lead)
        # The region lead reads it (a sub-team of his), but the sub-team lead reviews it.
        self.assertEqual(report.sudo(self.region_lead).summary, '拜访客户，确认需求。')
        with self.assertRaisesRegex(UserError, 'not allowed to review.*测试组长'), self.cr.savepoint():
            report.sudo(self.region_lead).write({'score': 3})
        with self.assertRaisesRegex(UserError, 'not allowed to review.*测试组长'), self.cr.savepoint():
            report.sudo(self.region_lead).write({'state': 'reviewed'})
        report.invalidate_cache()
        self.assertEqual((report.state, report.score), ('submitted', 0))
        report.sudo(sub_lead).write({'state': 'reviewed', 'score': 5})
        self.assertEqual((report.state, report.reviewed_by_id), ('reviewed', sub_lead))

    def test_director_reviews_any_report_but_his_own(self):
        report = self._report()
        report.action_submit()
        # The director may review any report but his own.
        report.sudo(self.director).write({'state': 'reviewed', 'score': 3})
        self.assertEqual((report.state, report.reviewed_by_id), ('reviewed', self.director))
        own = self._report(self.director)
        own.sudo(self.director).action_submit()
        self.assertFalse(own.reviewer_id)  # nobody above the department: the other directors review
        with self.assertRaisesRegex(UserError, 'your own work report'), self.cr.savepoint():
            own.sudo(self.director).write({'state': 'reviewed', 'score': 5})

    def test_send_back_clears_the_todo_and_reopens_for_the_author(self):
        report = self._report()
        report.action_submit()
        self.assertTrue(self._review_todos(report))
        report.sudo(self.region_lead).write({'review_comment': '请补充客户反馈。'})
        report.sudo(self.region_lead).action_send_back()
        self.assertEqual(report.state, 'draft')
        self.assertFalse(report.review_comment)
        self.assertFalse(self._review_todos(report))
        # The supervisor does not write the author's report.
        with self.assertRaisesRegex(UserError, 'Only its author'), self.cr.savepoint():
            report.sudo(self.region_lead).write({'summary': '代写'})
        report.sudo(self.sales).write({'summary': '拜访客户，客户反馈价格偏高。'})
        report.sudo(self.sales).action_submit()
        self.assertEqual(len(self._review_todos(report)), 1)

    def test_who_reads_which_reports(self):
        mine = self._report()
        colleague = self._report(self.colleague)
        lead = self._report(self.region_lead)
        other = self._report(self.other_lead)
        Report = self.env['sales.work.report']
        ours = mine | colleague | lead | other

        def visible(user):
            return Report.sudo(user).search([('id', 'in', ours.ids)])
        self.assertEqual(visible(self.sales), mine)
        self.assertEqual(visible(self.colleague), colleague)
        self.assertEqual(visible(self.region_lead), mine | colleague | lead)
        self.assertEqual(visible(self.other_lead), other)
        self.assertEqual(visible(self.director), ours)
        self.assertEqual(self.env['sales.work.report.line'].sudo(self.sales).search_count(
            [('report_id', '=', colleague.id)]), 0)

    def test_fill_lines_from_the_days_follow_ups(self):
        customer = self.env['res.partner'].create({'name': '测试苏州恒远机械有限公司', 'is_company': True,
                                                   'customer': True, 'user_id': self.sales.id})
        follow_up = self.env['crm.customer.follow.up'].create({
            'partner_id': customer.id, 'user_id': self.sales.id, 'follow_up_type': 'visit',
            'content': '拜访采购部，介绍新款夹具。', 'result': '客户要求报价。'})
        report = self.env['sales.work.report'].sudo(self.sales).create({'kind': 'daily'})
        report.action_fill_from_follow_ups()
        report.action_fill_from_follow_ups()  # again: nothing twice
        self.assertEqual(len(report.line_ids), 1)
        line = report.line_ids
        self.assertEqual((line.partner_id, line.activity, line.result, line.follow_up_id),
                         (customer, '拜访采购部，介绍新款夹具。', '客户要求报价。', follow_up))
        # The day before has none.
        yesterday = self._report(date='2000-01-03')
        yesterday.action_fill_from_follow_ups()
        self.assertFalse(yesterday.line_ids)
