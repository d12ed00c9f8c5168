from odoo.exceptions import AccessError, UserError
from odoo.tests.common import SavepointCase

from .common import create_user


class TestCustomerAccess(SavepointCase):
    """Who sees which customers, as the users themselves: beyond tests/test_public_pool.py (own customers, the
    pool, one team lead's search, a manager's), a colleague of the same team, the team lead's reads and
    writes, and the companies (a user of the Shenzhen company does not see the Shanghai company's customers)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang='en_US'))
        cls.main_company = cls.env.ref('base.main_company')
        # the demo's second company (a sub-company of the main one); without demo data, one like it
        cls.other_company = cls.env.ref('crm_lifecycle.company_shenzhen', raise_if_not_found=False) \
            or cls.env['res.company'].create({'name': '测试深圳进出口有限公司', 'parent_id': cls.main_company.id})
        Team = cls.env['crm.team']
        cls.team_east = Team.create({'name': '测试权限华东组', 'company_id': cls.main_company.id})
        cls.team_south = Team.create({'name': '测试权限华南组', 'company_id': cls.main_company.id})
        salesman = ['sales_team.group_sale_salesman']
        main = {'company_id': cls.main_company.id, 'company_ids': [(6, 0, cls.main_company.ids)]}
        cls.sales_east = create_user(cls.env, 'test_acl_east', '测试权限张伟', salesman,
                                     sale_team_id=cls.team_east.id, **main)
        cls.sales_east2 = create_user(cls.env, 'test_acl_east2', '测试权限赵敏', salesman,
                                      sale_team_id=cls.team_east.id, **main)
        cls.sales_south = create_user(cls.env, 'test_acl_south', '测试权限李娜', salesman,
                                      sale_team_id=cls.team_south.id, **main)
        cls.lead_east = create_user(cls.env, 'test_acl_lead', '测试权限刘洋', ['sales_team.group_sale_salesman_all_leads'],
                                    sale_team_id=cls.team_east.id, **main)
        cls.team_east.user_id = cls.lead_east
        cls.manager = create_user(cls.env, 'test_acl_manager', '测试权限陈静', ['sales_team.group_sale_manager'],
                                  company_id=cls.main_company.id,
                                  company_ids=[(6, 0, (cls.main_company | cls.other_company).ids)])
        other = {'company_id': cls.other_company.id, 'company_ids': [(6, 0, cls.other_company.ids)]}
        cls.sales_other = create_user(cls.env, 'test_acl_sz_sales', '测试权限深圳销售', salesman, **other)
        cls.manager_other = create_user(cls.env, 'test_acl_sz_manager', '测试权限深圳总监',
                                        ['sales_team.group_sale_manager'], **other)
        cls.employee_other = create_user(cls.env, 'test_acl_sz_employee', '测试权限深圳员工', [], **other)

        Partner = cls.env['res.partner']

        def customer(name, owner=None, team=None, company=None):
            return Partner.create({
                'name': name, 'is_company': True, 'customer': True, 'user_id': owner.id if owner else False,
                'team_id': team.id if team else False, 'company_id': (company or cls.main_company).id})
        cls.customer_east = customer('测试权限金陵机电有限公司', cls.sales_east, cls.team_east)
        cls.customer_east2 = customer('测试权限钱塘五金有限公司', cls.sales_east2, cls.team_east)
        # owned by a member of the east team but filed under another team: still the east team's customer
        cls.customer_east_member = customer('测试权限苏州精密有限公司', cls.sales_east2, cls.team_south)
        cls.customer_south = customer('测试权限珠江贸易有限公司', cls.sales_south, cls.team_south)
        cls.pool_customer = customer('测试权限公海物流有限公司')
        cls.customer_other = customer('测试权限深圳电子有限公司', cls.sales_other, company=cls.other_company)
        cls.pool_customer_other = customer('测试权限深圳公海有限公司', company=cls.other_company)
        cls.all_customers = (cls.customer_east | cls.customer_east2 | cls.customer_east_member | cls.customer_south
                             | cls.pool_customer | cls.customer_other | cls.pool_customer_other)

    def _visible(self, user):
        return self.env['res.partner'].sudo(user).search([('id', 'in', self.all_customers.ids)])

    def _assert_hidden(self, user, customer):
        self.assertNotIn(customer, self._visible(user))
        with self.assertRaises(AccessError), self.cr.savepoint():
            customer.sudo(user).read(['name'])
        with self.assertRaises(AccessError), self.cr.savepoint():
            customer.sudo(user).write({'phone': '021-66668888'})

    def test_salesperson_does_not_see_a_team_colleague_customer(self):
        # the pools of his company and of its sub-company (Odoo's multi-company rules: child_of the user's company)
        self.assertEqual(self._visible(self.sales_east),
                         self.customer_east | self.pool_customer | self.pool_customer_other)
        self.assertEqual(self.pool_customer.sudo(self.sales_east).read(['name'])[0]['name'], '测试权限公海物流有限公司')
        # being in the same team gives a salesperson nothing: only the team lead sees the team's customers
        self._assert_hidden(self.sales_east, self.customer_east2)
        self._assert_hidden(self.sales_east, self.customer_south)
        self.assertEqual(self.customer_east2.phone, False)

    def test_team_lead_sees_his_team_customers_only(self):
        lead = self.lead_east
        self.assertEqual(self._visible(lead), self.customer_east | self.customer_east2 | self.customer_east_member
                         | self.pool_customer | self.pool_customer_other)
        self.customer_east2.sudo(lead).write({'phone': '0571-88886666'})
        self.assertEqual(self.customer_east2.phone, '0571-88886666')
        self._assert_hidden(lead, self.customer_south)

    def test_manager_sees_all_customers_of_his_companies(self):
        # the main company's manager: every team, the pool, and the Shenzhen sub-company's customers
        self.assertEqual(self._visible(self.manager), self.all_customers)

    def test_other_company_users_do_not_see_the_main_company_customers(self):
        own = self.customer_other | self.pool_customer_other
        for user in (self.sales_other, self.manager_other, self.employee_other):
            self.assertEqual(self._visible(user), own, user.login)
            self._assert_hidden(user, self.customer_east)
            self._assert_hidden(user, self.pool_customer)
        # his company's pool is his to claim; the main company's pool is not, even by its id
        self.pool_customer_other.sudo(self.sales_other).action_claim()
        self.assertEqual(self.pool_customer_other.user_id, self.sales_other)
        with self.assertRaisesRegex(UserError, 'claim customers of your current company only'), self.cr.savepoint():
            self.pool_customer.sudo(self.sales_other).action_claim()
        self.assertFalse(self.pool_customer.user_id)
        # people and the partners of companies are not restricted (Odoo reads them in many places), even when
        # marked as customers
        contact = self.env['res.partner'].create({'name': '测试权限联系人', 'parent_id': self.customer_east.id})
        self.assertTrue(contact.sudo(self.sales_other).read(['name']))
        self.main_company.partner_id.customer = True
        self.assertTrue(self.main_company.partner_id.sudo(self.employee_other).read(['name']))

    def test_other_company_does_not_see_the_customer_history(self):
        follow_up = self.env['crm.customer.follow.up'].sudo(self.sales_east).create({
            'partner_id': self.customer_east.id, 'content': '上门拜访'})
        self.customer_east.sudo().award_loyalty_points(50, 'Test award')
        self.pool_customer.sudo(self.sales_east).action_claim()
        for model, record_ids in (('crm.customer.follow.up', follow_up.ids),
                                  ('crm.loyalty.point.line', self.customer_east.sudo().loyalty_line_ids.ids),
                                  ('crm.customer.ownership', self.pool_customer.sudo().ownership_history_ids.ids)):
            self.assertTrue(record_ids, model)
            self.assertTrue(self.env[model].sudo(self.manager).search([('id', 'in', record_ids)]), model)
            self.assertFalse(self.env[model].sudo(self.manager_other).search([('id', 'in', record_ids)]), model)
