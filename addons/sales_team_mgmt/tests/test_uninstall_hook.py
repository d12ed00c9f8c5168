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
