from odoo.addons.base.ir.ir_model import MODULE_UNINSTALL_FLAG
from odoo.exceptions import UserError

from .common import FunnelCase


class TestIssueUninstall(FunnelCase):
    """The actions of a closed issue are its record, yet uninstalling the module removes them (the demo's
    closed issues), and only the uninstall: the flag of a user's call is not trusted."""

    def test_uninstall_removes_actions_of_closed_issue(self):
        lead = self._opportunity(self.sales_east, self.type_upsell, name='测试卸载 问题处理')
        issue = self.env['crm.lead.issue'].sudo(self.sales_east).create({'lead_id': lead.id, 'name': '交期顾虑'})
        action = self.env['crm.lead.issue.action'].sudo(self.sales_east).create(
            {'issue_id': issue.id, 'description': '加急备货', 'result': '按期到货'})
        issue.write({'evaluation': '已解决', 'rating': '5'})
        issue.action_close()
        with self.assertRaises(UserError), self.cr.savepoint():
            action.sudo(self.sales_east).with_context(**{MODULE_UNINSTALL_FLAG: True}).unlink()
        self.assertTrue(action.exists())
        action.sudo().with_context(**{MODULE_UNINSTALL_FLAG: True}).unlink()  # what Odoo's uninstall does
        self.assertFalse(action.exists())
