import re
from datetime import date

from odoo.exceptions import UserError
from odoo.tests.common import SavepointCase


class TestOpportunityNumber(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesperson = cls.env['res.users'].with_context(no_reset_password=True).create({
            'name': '测试销售员', 'login': 'test_funnel_sales', 'email': 'funnel.sales@example.cn',
            'groups_id': [(6, 0, [cls.env.ref('sales_team.group_sale_salesman').id,
                                  cls.env.ref('crm.group_use_lead').id])]})
        cls.customer = cls.env['res.partner'].create({'name': '测试客户有限公司', 'is_company': True, 'customer': True})
        cls.Lead = cls.env['crm.lead'].sudo(cls.salesperson)
        cls.number_pattern = re.compile(r'^SJ-%d-\d{5}$' % date.today().year)

    def _create(self, name, lead_type):
        return self.Lead.create({'name': name, 'type': lead_type, 'partner_id': self.customer.id})

    def test_new_opportunity_gets_a_number(self):
        opportunity = self._create('生产线改造', 'opportunity')
        self.assertRegex(opportunity.opportunity_number, self.number_pattern)

    def test_lead_gets_number_when_written_as_opportunity(self):
        lead = self._create('展会线索', 'lead')
        self.assertFalse(lead.opportunity_number, 'a lead has no opportunity number')
        lead.write({'type': 'opportunity'})
        self.assertRegex(lead.opportunity_number, self.number_pattern)

    def test_lead_gets_number_when_converted(self):
        lead = self._create('官网询价', 'lead')
        lead.convert_opportunity(self.customer.id)
        self.assertEqual(lead.type, 'opportunity')
        self.assertRegex(lead.opportunity_number, self.number_pattern)

    def test_convert_wizard_gives_a_number(self):
        lead = self._create('电话咨询', 'lead')
        wizard = self.env['crm.lead2opportunity.partner'].sudo(self.salesperson).with_context(
            active_model='crm.lead', active_id=lead.id, active_ids=lead.ids).create({
                'name': 'convert', 'action': 'exist', 'partner_id': self.customer.id})
        wizard.action_apply()
        self.assertRegex(lead.opportunity_number, self.number_pattern)

    def test_numbers_are_unique_and_kept(self):
        first = self._create('项目甲', 'opportunity')
        second = self._create('项目乙', 'opportunity')
        self.assertNotEqual(first.opportunity_number, second.opportunity_number)
        number = first.opportunity_number
        first.write({'name': '项目甲（二期）', 'planned_revenue': 50000})
        first.write({'type': 'opportunity'})
        self.assertEqual(first.opportunity_number, number, 'later writes keep the number')
        with self.assertRaises(UserError), self.cr.savepoint():
            first.write({'opportunity_number': 'SJ-0000-99999'})
        self.assertEqual(first.opportunity_number, number)

    def test_copy_gets_a_new_number(self):
        opportunity = self._create('项目丙', 'opportunity')
        duplicate = opportunity.copy()
        self.assertRegex(duplicate.opportunity_number, self.number_pattern)
        self.assertNotEqual(duplicate.opportunity_number, opportunity.opportunity_number)
        lead_copy = self._create('线索丁', 'lead').copy()
        self.assertFalse(lead_copy.opportunity_number, 'the copy of a lead stays without number')
