from odoo.exceptions import UserError

from odoo.addons.crm_lifecycle.tests.common import create_user
from .common import ReturnCase


class TestReturnLead(ReturnCase):

    def test_opportunity_for_the_customers_owner(self):
        owner = create_user(self.env, 'test_return_lead_owner', '测试客户负责人', ['sales_team.group_sale_salesman'])
        self.customer.user_id = owner
        request = self._return(2)
        request.write({'description': '客户希望升级为大功率型号'})
        self.assertTrue(request.sudo(self.agent).action_create_opportunity(),
                        'an after-sales agent without CRM rights stays on the request')
        lead = request.sudo().lead_id
        self.assertTrue(lead)
        self.assertEqual(lead.type, 'opportunity')
        self.assertEqual(lead.partner_id, self.customer)
        self.assertEqual(lead.user_id, owner)
        self.assertIn('测试伺服电机', lead.description)
        self.assertIn('大功率', lead.description)
        self.assertIn(request.name, lead.description)
        self.assertEqual(lead.return_ids, request)
        self.assertEqual(lead.return_count, 1)
        # the owner sees it as his opportunity
        self.assertEqual(self.env['crm.lead'].sudo(owner).search([('id', '=', lead.id)]), lead)
        with self.assertRaisesRegex(UserError, 'already has opportunity'), self.cr.savepoint():
            request.sudo(self.agent).action_create_opportunity()
        self.assertEqual(self.env['crm.lead'].search_count([('partner_id', '=', self.customer.id)]), 1)
        # a salesperson who made a return opens the opportunity at once
        salesperson_agent = create_user(self.env, 'test_return_agent_sales', '测试售后兼销售', [
            'aftersales_returns.group_aftersales_user', 'sales_team.group_sale_manager'])
        second = self._return(1, user=salesperson_agent)
        action = second.action_create_opportunity()
        self.assertEqual(action['res_model'], 'crm.lead')
        self.assertEqual(action['res_id'], second.lead_id.id)
        self.assertEqual(second.lead_id.user_id, owner)
