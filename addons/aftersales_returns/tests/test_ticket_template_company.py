from odoo.addons.crm_lifecycle.tests.common import create_user
from odoo.exceptions import AccessError
from odoo.tests.common import SavepointCase


class TestTicketTemplateCompany(SavepointCase):
    """The steps of a company's service process templates are that company's: another company's after-sales
    managers neither find nor read them."""

    def test_other_company_sees_no_step(self):
        company_b = self.env['res.company'].create({'name': '深圳鹏程电子有限公司'})
        user_b = create_user(self.env, 'template_b', '郑洁', ['aftersales_returns.group_aftersales_manager'],
                             company_id=company_b.id, company_ids=[(6, 0, company_b.ids)])
        template = self.env['aftersales.ticket.template'].create({
            'name': '设备维修流程', 'type_id': self.env.ref('aftersales_returns.ticket_type_repair').id,
            'company_id': self.env.user.company_id.id,
            'step_ids': [(0, 0, {'name': '故障诊断'}), (0, 0, {'name': '更换部件'})]})
        self.assertEqual(template.step_ids.mapped('company_id'), template.company_id)
        Step = self.env['aftersales.ticket.template.step'].sudo(user_b)
        self.assertFalse(Step.search([('id', 'in', template.step_ids.ids)]))
        with self.assertRaises(AccessError):
            Step.browse(template.step_ids.ids).read(['name'])
        shared = template.copy({'company_id': False, 'name': '通用维修流程'})
        self.assertEqual(len(Step.search([('template_id', '=', shared.id)])), 2)
