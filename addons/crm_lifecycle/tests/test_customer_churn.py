from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests.common import SavepointCase

from .common import create_user


class TestCustomerChurn(SavepointCase):
    """Churn needs a reason (on every route), reactivation, churn analysis and who configures reasons."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        salesman_groups = ['sales_team.group_sale_salesman', 'base.group_partner_manager']
        cls.salesperson = create_user(cls.env, 'test_churn_sales', '测试流失销售员', salesman_groups)
        cls.team_lead = create_user(cls.env, 'test_churn_lead', '测试流失组长', [
            'sales_team.group_sale_salesman_all_leads', 'base.group_partner_manager'])
        cls.other_lead = create_user(cls.env, 'test_churn_other_lead', '测试其他组长', [
            'sales_team.group_sale_salesman_all_leads', 'base.group_partner_manager'])
        cls.team = cls.env['crm.team'].create({
            'name': '测试流失小组', 'user_id': cls.team_lead.id,
            'member_ids': [(6, 0, (cls.salesperson | cls.team_lead).ids)]})
        cls.other_team = cls.env['crm.team'].create({
            'name': '测试其他小组', 'user_id': cls.other_lead.id, 'member_ids': [(6, 0, cls.other_lead.ids)]})
        cls.category = cls.env['crm.customer.category'].create({'name': '测试流失类别', 'code': 'TCHURN'})
        cls.customer = cls.env['res.partner'].sudo(cls.salesperson).create({
            'name': '测试流失客户有限公司', 'is_company': True, 'customer': True,
            'user_id': cls.salesperson.id, 'team_id': cls.team.id, 'customer_category_id': cls.category.id})
        cls.stage_churned = cls.env.ref('crm_lifecycle.customer_stage_churned')
        cls.stage_interested = cls.env.ref('crm_lifecycle.customer_stage_interested')
        cls.reason_price = cls.env.ref('crm_lifecycle.churn_reason_price')
        cls.reason_competitor = cls.env.ref('crm_lifecycle.churn_reason_competitor')

    def _as_salesperson(self):
        return self.customer.sudo(self.salesperson)

    def test_churn_without_reason_refused(self):
        # what the kanban drag and drop or an XML-RPC write sends
        with self.assertRaisesRegex(ValidationError, '测试流失客户有限公司'), self.cr.savepoint():
            self._as_salesperson().with_context(lang='en_US').write({'customer_stage_id': self.stage_churned.id})
        self.customer.invalidate_cache()
        self.assertFalse(self.customer.is_churned)
        self.assertNotEqual(self.customer.customer_stage_id, self.stage_churned)

    def test_churn_with_reason_accepted_and_dated(self):
        self._as_salesperson().write({
            'customer_stage_id': self.stage_churned.id, 'churn_reason_id': self.reason_price.id})
        self.assertTrue(self.customer.is_churned)
        self.assertEqual(self.customer.churn_reason_id, self.reason_price)
        self.assertEqual(self.customer.churn_date, fields.Date.context_today(self.customer))

    def test_reason_of_churned_customer_cannot_be_removed(self):
        self._as_salesperson().mark_churned(self.reason_price)
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self._as_salesperson().write({'churn_reason_id': False})
        self.assertEqual(self.customer.churn_reason_id, self.reason_price)

    def test_churn_wizard_asks_reason(self):
        wizard = self.env['crm.customer.churn.wizard'].sudo(self.salesperson).with_context(
            active_model='res.partner', active_ids=self.customer.ids).create({
                'churn_reason_id': self.reason_competitor.id, 'churn_note': '被同行以低价抢走'})
        self.assertEqual(wizard.partner_ids, self.customer)
        wizard.action_confirm()
        self.assertEqual(self.customer.customer_stage_id, self.stage_churned)
        self.assertEqual(self.customer.churn_reason_id, self.reason_competitor)
        self.assertEqual(self.customer.churn_note, '被同行以低价抢走')

    def test_reactivate_clears_reason_and_logs(self):
        self._as_salesperson().mark_churned(self.reason_price, note='价格太高')
        self._as_salesperson().with_context(lang='en_US').action_reactivate()
        self.assertEqual(self.customer.customer_stage_id, self.stage_interested)
        self.assertFalse(self.customer.is_churned)
        self.assertFalse(self.customer.churn_reason_id)
        self.assertFalse(self.customer.churn_date)
        notes = self.customer.message_ids.filtered(lambda m: 'Reactivated' in (m.body or ''))
        self.assertEqual(len(notes), 1)
        self.assertIn(self.reason_price.name, notes.body)

    def test_leaving_churn_stage_clears_reason(self):
        self._as_salesperson().mark_churned(self.reason_price)
        self._as_salesperson().write({'customer_stage_id': self.stage_interested.id})
        self.assertFalse(self.customer.churn_reason_id)
        self.assertFalse(self.customer.churn_date)

    def test_churn_report_shows_churned_customer(self):
        Report = self.env['crm.customer.churn.report']
        self.assertFalse(Report.search([('partner_id', '=', self.customer.id)]))
        self._as_salesperson().mark_churned(self.reason_competitor, churn_date='2026-03-15')
        rows = Report.sudo(self.team_lead).search([('partner_id', '=', self.customer.id)])
        self.assertEqual(len(rows), 1)
        self.assertEqual(rows.churn_reason_id, self.reason_competitor)
        self.assertEqual(rows.customer_category_id, self.category)
        self.assertEqual(rows.user_id, self.salesperson)
        self.assertEqual(rows.team_id, self.team)
        self.assertEqual(rows.churn_date, '2026-03-15')
        groups = Report.sudo(self.team_lead).read_group(
            [('partner_id', '=', self.customer.id)], ['customer_count', 'churn_date'], ['churn_date:month'])
        self.assertEqual(groups[0]['customer_count'], 1)
        # another team's lead does not see it, a salesperson has no churn analysis
        self.assertFalse(Report.sudo(self.other_lead).search([('partner_id', '=', self.customer.id)]))
        with self.assertRaises(AccessError):
            Report.sudo(self.salesperson).search([])

    def test_salesperson_cannot_create_churn_reason(self):
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.env['crm.churn.reason'].sudo(self.salesperson).create({'name': '测试原因'})
        self.assertIn(self.reason_price, self.env['crm.churn.reason'].sudo(self.salesperson).search([]))
