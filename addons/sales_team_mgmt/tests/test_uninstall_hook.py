from odoo.addons.crm_lifecycle.tests.common import create_user
from odoo.tests.common import TransactionCase

from ..hooks import uninstall_hook


class TestUninstallHook(TransactionCase):
    """The plan periods generated for the module's period types go before the uninstall deletes the types
    (date_range refuses to lose its type); the types themselves are left to the uninstall."""

    def test_generated_periods_go_with_the_module(self):
        lead = create_user(self.env, 'test_hook_lead', '测试卸载主管', ['sales_team.group_sale_salesman_all_leads'])
        team = self.env['crm.team'].create({'name': '测试卸载销售部'})
        plan = self.env['sales.plan'].sudo(lead).create({'name': '测试卸载计划', 'year': 2032})
        top = self.env['sales.plan.line'].sudo(lead).create({'plan_id': plan.id, 'team_id': team.id,
                                                             'target': 120000})
        months = top.sudo(lead).split_over_periods('month')
        periods = months.mapped('date_range_id')
        self.assertEqual(len(periods), 12)
        month_type = self.env.ref('sales_team_mgmt.date_range_type_month')
        uninstall_hook(self.cr, self.registry)
        self.env['sales.plan.line'].invalidate_cache()
        self.env['date.range'].invalidate_cache()
        self.assertFalse(periods.exists())
        self.assertFalse(self.env['date.range'].search([('type_id', '=', month_type.id)]))
        self.assertTrue(month_type.exists())
        self.assertTrue(months.exists())
        self.assertFalse(months[0].date_range_id)


class TestUninstallActivities(TransactionCase):
    """The activities of the work reports go before the uninstall removes their model (crm_lifecycle's
    ir.module.module): left to the database's cascade at the end, they make the uninstall fail. Activities of
    models that stay are kept."""

    def test_activities_of_removed_models_go_first(self):
        report = self.env.ref('sales_team_mgmt.work_report_zhangwei_daily_reviewed')
        Activity = self.env['mail.activity']
        todo = self.env.ref('mail.mail_activity_data_todo')
        on_report = Activity.create({
            'res_model_id': self.env['ir.model']._get('sales.work.report').id, 'res_id': report.id,
            'activity_type_id': todo.id, 'summary': '测试卸载 日报活动', 'user_id': self.env.uid})
        lead = self.env['crm.lead'].create({'name': '测试卸载 商机'})
        on_lead = Activity.create({
            'res_model_id': self.env['ir.model']._get('crm.lead').id, 'res_id': lead.id,
            'activity_type_id': todo.id, 'summary': '测试卸载 商机活动', 'user_id': self.env.uid})
        self.env['ir.module.module'].search([('name', '=', 'sales_team_mgmt')])._delete_activities_of_removed_models()
        Activity.invalidate_cache()
        self.assertFalse(on_report.exists())
        self.assertTrue(on_lead.exists())
        self.assertTrue(report.exists(), 'the records themselves are left to the uninstall')


class TestUninstallDeletesRecords(TransactionCase):
    """A submitted work report and a commission rule with lines cannot be deleted, not even with the uninstall
    flag in a user's call; the module's uninstall deletes them (the demo has both), the rule with its lines."""

    def test_submitted_report_and_used_rule(self):
        from odoo.addons.base.ir.ir_model import MODULE_UNINSTALL_FLAG
        from odoo.exceptions import UserError
        uninstall = {MODULE_UNINSTALL_FLAG: True}
        report = self.env.ref('sales_team_mgmt.work_report_zhangwei_daily_reviewed')
        self.assertNotEqual(report.state, 'draft')
        rule = self.env['sales.commission.rule'].create({'name': '测试卸载提成', 'rate': 2.0})
        line = self.env['sales.commission.line']._insert_lines([{
            'source_key': 'test-uninstall-rule-%d' % rule.id, 'company_id': rule.company_id.id,
            'user_id': report.user_id.id, 'rule_id': rule.id, 'date': '2030-01-15', 'collected_amount': 1000.0,
            'base_amount': 1000.0}])
        director = create_user(self.env, 'test_uninstall_director', '测试卸载总监', ['sales_team.group_sale_manager'])
        for record, user, message in ((report, report.user_id, 'can no longer be deleted'),
                                      (rule, director, 'archive it instead')):
            for context in ({}, uninstall):
                with self.assertRaisesRegex(UserError, message), self.cr.savepoint():
                    record.sudo(user).with_context(lang='en_US', **context).unlink()
            self.assertTrue(record.exists())
            record.sudo().with_context(**uninstall).unlink()  # what Odoo's uninstall does
            self.assertFalse(record.exists())
        self.env['sales.commission.line'].invalidate_cache()
        self.assertFalse(line.exists())
