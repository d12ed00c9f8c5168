from odoo.exceptions import UserError, ValidationError
from odoo.tests.common import SavepointCase

from .common import create_user


class TestCustomerClassification(SavepointCase):
    """Region from the province, lifecycle stage moved by won deals and tracked, company default strategy."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        salesman_groups = ['sales_team.group_sale_salesman', 'base.group_partner_manager']
        cls.salesperson = create_user(cls.env, 'test_classify_sales', '测试分类销售员', salesman_groups)
        cls.manager = create_user(cls.env, 'test_classify_manager', '测试销售总监', [
            'sales_team.group_sale_manager', 'base.group_partner_manager'])
        country = cls.env.ref('base.cn')
        State = cls.env['res.country.state']
        cls.province_a = State.create({'name': '测试甲省', 'code': 'TQA', 'country_id': country.id})
        cls.province_b = State.create({'name': '测试乙省', 'code': 'TQB', 'country_id': country.id})
        cls.province_c = State.create({'name': '测试丙省', 'code': 'TQC', 'country_id': country.id})
        cls.region = cls.env['crm.customer.region'].sudo(cls.manager).create({
            'name': '测试大区', 'code': 'TQ', 'state_ids': [(6, 0, (cls.province_a | cls.province_b).ids)]})
        cls.stage_potential = cls.env.ref('crm_lifecycle.customer_stage_potential')
        cls.stage_interested = cls.env.ref('crm_lifecycle.customer_stage_interested')
        cls.stage_won = cls.env.ref('crm_lifecycle.customer_stage_won')
        cls.stage_loyal = cls.env.ref('crm_lifecycle.customer_stage_loyal')

    def _create_customer(self, name, **values):
        vals = {'name': name, 'is_company': True, 'customer': True, 'user_id': self.salesperson.id}
        vals.update(values)
        return self.env['res.partner'].sudo(self.salesperson).create(vals)

    def _win_opportunity(self, customer, name):
        lead = self.env['crm.lead'].sudo(self.salesperson).create({
            'name': name, 'type': 'opportunity', 'partner_id': customer.id, 'user_id': self.salesperson.id})
        lead.action_set_won()
        self.assertEqual(lead.probability, 100)
        return lead

    # ------------------------------------------------------------------
    # Region
    # ------------------------------------------------------------------
    def test_region_computed_from_province(self):
        customer = self._create_customer('测试区域甲公司', state_id=self.province_a.id)
        self.assertEqual(customer.region_id, self.region)
        customer.write({'state_id': self.province_c.id})
        self.assertFalse(customer.region_id, 'a province of no region gives no region')
        # the sales manager adds the province to the region: the customer follows
        self.region.sudo(self.manager).write({'state_ids': [(4, self.province_c.id)]})
        self.assertEqual(customer.sudo(self.salesperson).region_id, self.region)
        self.assertIn(customer, self.env['res.partner'].search([('region_id', '=', self.region.id)]),
                      'the region is stored: customers can be searched and grouped by it')

    def test_province_in_one_region_only(self):
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self.env['crm.customer.region'].sudo(self.manager).create({
                'name': '重叠大区', 'state_ids': [(6, 0, self.province_a.ids)]})

    def test_data_regions_cover_chinese_provinces(self):
        shanghai = self.env['res.country.state'].search([('country_id.code', '=', 'CN'), ('code', '=', '沪')])
        if not shanghai:
            self.skipTest('Chinese provinces (l10n_cn) are not installed')
        east = self.env.ref('crm_lifecycle.customer_region_hd')
        self.assertIn(shanghai, east.state_ids)
        self.assertEqual(len(east.state_ids), 7)
        customer = self._create_customer('测试上海客户', state_id=shanghai.id)
        self.assertEqual(customer.region_id, east)

    # ------------------------------------------------------------------
    # Lifecycle stage
    # ------------------------------------------------------------------
    def test_new_customer_starts_in_first_stage(self):
        customer = self._create_customer('测试新客户')
        self.assertEqual(customer.customer_stage_id, self.stage_potential)

    def test_first_won_opportunity_moves_customer_to_won_stage(self):
        customer = self._create_customer('测试成交客户')
        contact = self.env['res.partner'].sudo(self.salesperson).create({
            'name': '测试联系人', 'parent_id': customer.id})
        # an opportunity of the customer's contact counts for the customer
        self._win_opportunity(contact, '测试首单')
        self.assertEqual(customer.customer_stage_id, self.stage_won)

    def test_won_opportunity_does_not_move_loyal_customer_back(self):
        customer = self._create_customer('测试忠诚客户')
        customer.sudo(self.salesperson).write({'customer_stage_id': self.stage_loyal.id})
        self._win_opportunity(customer, '测试复购')
        self.assertEqual(customer.customer_stage_id, self.stage_loyal)

    def test_open_opportunity_does_not_move_stage(self):
        customer = self._create_customer('测试意向客户')
        self.env['crm.lead'].sudo(self.salesperson).create({
            'name': '测试商机', 'type': 'opportunity', 'partner_id': customer.id, 'probability': 30})
        self.assertEqual(customer.customer_stage_id, self.stage_potential)

    def test_stage_change_tracked_in_chatter(self):
        customer = self._create_customer('测试跟踪客户')
        customer.sudo(self.salesperson).write({'customer_stage_id': self.stage_interested.id})
        tracking = self.env['mail.tracking.value'].search([
            ('mail_message_id.model', '=', 'res.partner'),
            ('mail_message_id.res_id', '=', customer.id),
            ('field', '=', 'customer_stage_id'),
            ('new_value_integer', '=', self.stage_interested.id),
        ])
        self.assertEqual(len(tracking), 1)
        self.assertEqual(tracking.old_value_integer, self.stage_potential.id)
        self.assertEqual(tracking.mail_message_id.author_id, self.salesperson.partner_id)

    def test_stage_in_use_cannot_be_deleted(self):
        customer = self._create_customer('测试阶段客户')
        with self.assertRaises(UserError), self.cr.savepoint():
            self.stage_potential.sudo(self.manager).unlink()
        self.assertTrue(self.stage_potential.exists())
        self.assertEqual(customer.customer_stage_id, self.stage_potential)

    # ------------------------------------------------------------------
    # Default strategy of new categories
    # ------------------------------------------------------------------
    def test_company_default_strategy_used_for_new_category(self):
        self.env['res.config.settings'].create({
            'category_default_follow_up_interval_days': 14,
            'category_default_recall_days_without_follow_up': 45,
            'category_default_recall_days_without_won': 120,
            'category_default_max_customers_per_salesperson': 25,
        }).execute()
        category = self.env['crm.customer.category'].sudo(self.manager).create({'name': '测试新类别', 'code': 'TNEW'})
        self.assertEqual(category.follow_up_interval_days, 14)
        self.assertEqual(category.recall_days_without_follow_up, 45)
        self.assertEqual(category.recall_days_without_won, 120)
        self.assertEqual(category.max_customers_per_salesperson, 25)
        explicit = self.env['crm.customer.category'].sudo(self.manager).create({
            'name': '测试指定类别', 'code': 'TSET', 'follow_up_interval_days': 3})
        self.assertEqual(explicit.follow_up_interval_days, 3, 'a value given wins over the company default')
