from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests.common import SavepointCase

from .common import create_user


class TestPublicPool(SavepointCase):
    """Owner, public pool and ownership history, acted by real salespeople, a team lead and a manager."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Team = cls.env['crm.team']
        cls.team_a = Team.create({'name': '测试华东组'})
        cls.team_b = Team.create({'name': '测试华南组'})
        salesman = ['sales_team.group_sale_salesman']
        cls.sales_a1 = create_user(cls.env, 'test_pool_a1', '测试张三', salesman, sale_team_id=cls.team_a.id)
        cls.sales_a2 = create_user(cls.env, 'test_pool_a2', '测试李四', salesman, sale_team_id=cls.team_a.id)
        cls.sales_b = create_user(cls.env, 'test_pool_b', '测试王五', salesman, sale_team_id=cls.team_b.id)
        cls.lead_a = create_user(cls.env, 'test_pool_lead', '测试组长', ['sales_team.group_sale_salesman_all_leads'],
                                 sale_team_id=cls.team_a.id)
        cls.team_a.user_id = cls.lead_a
        cls.manager = create_user(cls.env, 'test_pool_manager', '测试总监', ['sales_team.group_sale_manager'])
        cls.env.user.company_id.customer_reclaim_cooldown_days = 30
        Partner = cls.env['res.partner']
        cls.pool_customer = Partner.create({'name': '测试公海客户有限公司', 'is_company': True, 'customer': True})
        cls.customer_a1 = Partner.create({'name': '测试张三客户有限公司', 'is_company': True, 'customer': True,
                                          'user_id': cls.sales_a1.id, 'team_id': cls.team_a.id})
        cls.customer_b = Partner.create({'name': '测试王五客户有限公司', 'is_company': True, 'customer': True,
                                         'user_id': cls.sales_b.id, 'team_id': cls.team_b.id})

    def _history(self, partner):
        return [(line.action, line.from_user_id, line.to_user_id, line.user_id)
                for line in partner.ownership_history_ids.sorted('id')]

    def test_claim_from_pool(self):
        self.assertTrue(self.pool_customer.in_public_pool)
        self.assertTrue(self.pool_customer.pool_entered_date, 'a new customer without owner enters the pool')
        self.pool_customer.sudo(self.sales_a1).action_claim()
        self.assertEqual(self.pool_customer.user_id, self.sales_a1)
        self.assertEqual(self.pool_customer.team_id, self.team_a, 'the customer follows its owner into his team')
        self.assertFalse(self.pool_customer.pool_entered_date)
        self.assertEqual(self._history(self.pool_customer),
                         [('claim', self.env['res.users'], self.sales_a1, self.sales_a1)])
        self.assertIn('测试张三', self.pool_customer.message_ids[0].body)
        # A colleague comes too late: the message names the owner, nothing changes.
        with self.assertRaisesRegex(UserError, '测试张三'), self.cr.savepoint():
            self.pool_customer.sudo(self.sales_a2).action_claim()
        self.assertEqual(self.pool_customer.user_id, self.sales_a1)
        self.assertEqual(len(self.pool_customer.ownership_history_ids), 1)

    def test_claim_only_customer_companies_of_the_pool(self):
        contact = self.env['res.partner'].create({'name': '测试联系人', 'parent_id': self.pool_customer.id})
        with self.assertRaises(UserError), self.cr.savepoint():
            contact.sudo(self.sales_a1).action_claim()
        self.assertFalse(contact.user_id)

    def test_claim_respects_category_holding_cap(self):
        category = self.env['crm.customer.category'].create({
            'name': '测试限额类别', 'code': 'TCAP', 'max_customers_per_salesperson': 1})
        self.customer_a1.customer_category_id = category
        self.pool_customer.customer_category_id = category
        with self.assertRaisesRegex(ValidationError, '测试限额类别'), self.cr.savepoint():
            self.pool_customer.sudo(self.sales_a1).action_claim()
        self.assertTrue(self.pool_customer.in_public_pool, 'a refused claim leaves the customer in the pool')
        self.assertFalse(self.pool_customer.ownership_history_ids)
        self.pool_customer.sudo(self.sales_a2).action_claim()
        self.assertEqual(self.pool_customer.user_id, self.sales_a2)

    def test_release_needs_reason_and_reclaim_waits_for_cooldown(self):
        customer = self.customer_a1.sudo(self.sales_a1)
        with self.assertRaises(UserError), self.cr.savepoint():
            customer.action_release('  ')
        self.assertEqual(self.customer_a1.user_id, self.sales_a1)
        with self.assertRaises(UserError), self.cr.savepoint():
            self.customer_b.sudo(self.sales_a1).action_release('不是我的客户')
        self.assertEqual(self.customer_b.user_id, self.sales_b)

        customer.action_release('客户预算冻结')
        self.assertTrue(self.customer_a1.in_public_pool)
        self.assertEqual(self.customer_a1.pool_release_reason, '客户预算冻结')
        self.assertTrue(self.customer_a1.pool_entered_date)
        with self.assertRaisesRegex(UserError, '30'), self.cr.savepoint():
            customer.action_claim()
        self.assertTrue(self.customer_a1.in_public_pool)
        # The cooldown is his alone, and it ends.
        release = self.customer_a1.ownership_history_ids.filtered(lambda line: line.action == 'release')
        now = fields.Datetime.from_string(fields.Datetime.now())
        release.date = fields.Datetime.to_string(now - timedelta(days=31))
        customer.action_claim()
        self.assertEqual(self.customer_a1.user_id, self.sales_a1)
        self.assertEqual([line[0] for line in self._history(self.customer_a1)], ['release', 'claim'])
        self.assertEqual(release.reason, '客户预算冻结')
        self.assertEqual(release.from_user_id, self.sales_a1)
        self.assertFalse(release.to_user_id)

    def test_team_lead_assigns_and_transfers_within_his_team(self):
        lead = self.lead_a
        self.pool_customer.sudo(lead).action_assign(self.sales_a1)
        self.assertEqual(self.pool_customer.user_id, self.sales_a1)
        with self.assertRaisesRegex(UserError, '测试王五'), self.cr.savepoint():
            self.pool_customer.sudo(lead).action_transfer(self.sales_b, '跨组转移')
        with self.assertRaises(UserError), self.cr.savepoint():
            self.pool_customer.sudo(lead).action_transfer(self.sales_a2, '')
        self.pool_customer.sudo(lead).action_transfer(self.sales_a2, '张三休假，由李四跟进')
        self.assertEqual(self.pool_customer.user_id, self.sales_a2)
        self.assertEqual(self._history(self.pool_customer), [
            ('assign', self.env['res.users'], self.sales_a1, lead),
            ('transfer', self.sales_a1, self.sales_a2, lead),
        ])
        # Not his team's customer, and salespeople do not hand customers over at all.
        with self.assertRaises(UserError), self.cr.savepoint():
            self.customer_b.sudo(lead).action_transfer(self.sales_a1, '抢客户')
        with self.assertRaises(UserError), self.cr.savepoint():
            self.customer_a1.sudo(self.sales_a1).action_transfer(self.sales_a2, '私下转让')
        self.assertEqual(self.customer_b.user_id, self.sales_b)
        self.assertEqual(self.customer_a1.user_id, self.sales_a1)
        # His team lead may release a team member's customer.
        self.customer_a1.sudo(lead).action_release('客户已倒闭')
        self.assertTrue(self.customer_a1.in_public_pool)

    def test_manager_hands_over_anywhere_and_direct_changes_are_logged(self):
        self.customer_b.sudo(self.manager).action_transfer(self.sales_a1, '华南区调整')
        self.assertEqual(self.customer_b.user_id, self.sales_a1)
        self.customer_a1.sudo(self.manager).write({'user_id': self.sales_b.id})
        self.assertEqual(self._history(self.customer_a1), [('transfer', self.sales_a1, self.sales_b, self.manager)])

    def test_salesperson_cannot_set_owner_directly(self):
        Partner = self.env['res.partner'].sudo(self.sales_a1)
        with self.assertRaisesRegex(UserError, '测试李四'), self.cr.savepoint():
            Partner.create({'name': '测试代建客户有限公司', 'is_company': True, 'user_id': self.sales_a2.id})
        self.assertFalse(self.env['res.partner'].search([('name', '=', '测试代建客户有限公司')]))
        own = Partner.create({'name': '测试自建客户有限公司', 'is_company': True, 'user_id': self.sales_a1.id})
        self.assertEqual(own.user_id, self.sales_a1)
        for customer, owner in ((self.customer_a1, self.sales_a2), (self.customer_a1, False),
                                (self.pool_customer, self.sales_a1)):
            with self.assertRaisesRegex(UserError, customer.name), self.cr.savepoint():
                customer.sudo(self.sales_a1).write({'user_id': owner and owner.id})
            # A context flag sent over RPC grants nothing.
            with self.assertRaises(UserError), self.cr.savepoint():
                customer.sudo(self.sales_a1).with_context(crm_ownership_action=True).write(
                    {'user_id': owner and owner.id})
        self.assertEqual(self.customer_a1.user_id, self.sales_a1)
        self.assertTrue(self.pool_customer.in_public_pool)
        self.assertFalse(self.customer_a1.ownership_history_ids | self.pool_customer.ownership_history_ids)
        # Other fields stay editable.
        self.customer_a1.sudo(self.sales_a1).write({'phone': '025-12345678'})
        self.assertEqual(self.customer_a1.phone, '025-12345678')

    def test_who_sees_which_customers(self):
        customers = self.pool_customer | self.customer_a1 | self.customer_b
        contact_b = self.env['res.partner'].create({'name': '测试王五客户联系人', 'parent_id': self.customer_b.id})
        supplier = self.env['res.partner'].create({'name': '测试供应商', 'is_company': True, 'customer': False,
                                                   'supplier': True, 'user_id': self.sales_b.id})

        def visible(user):
            return self.env['res.partner'].sudo(user).search([('id', 'in', customers.ids)])

        self.assertEqual(visible(self.sales_a1), self.pool_customer | self.customer_a1)
        self.assertEqual(visible(self.sales_b), self.pool_customer | self.customer_b)
        self.assertEqual(visible(self.lead_a), self.pool_customer | self.customer_a1)
        self.assertEqual(visible(self.manager), customers)
        with self.assertRaises(AccessError):
            self.customer_b.sudo(self.sales_a1).read(['name'])
        # Whatever is not a customer company stays readable: people, suppliers, users.
        self.assertEqual(contact_b.sudo(self.sales_a1).read(['name'])[0]['name'], '测试王五客户联系人')
        self.assertEqual(supplier.sudo(self.sales_a1).name, '测试供应商')
        self.assertTrue(self.sales_b.partner_id.sudo(self.sales_a1).name)

    def test_salesperson_crm_flow_still_works(self):
        """Pipeline, opportunity for one's own customer and chatter, as the salesperson."""
        Lead = self.env['crm.lead'].sudo(self.sales_a1)
        opportunity = Lead.create({'name': '测试商机', 'type': 'opportunity', 'partner_id': self.customer_a1.id,
                                   'user_id': self.sales_a1.id, 'team_id': self.team_a.id})
        opportunity.message_post(body='已电话沟通')
        pipeline = Lead.search_read([('type', '=', 'opportunity')], ['name', 'partner_id', 'stage_id'])
        self.assertIn(opportunity.id, [row['id'] for row in pipeline])
        self.assertEqual(self.customer_a1.sudo(self.sales_a1).opportunity_count, 1)
