from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests.common import SavepointCase

from .common import create_user


def days_ago(days, hour=None):
    """A datetime string ``days`` ago (at ``hour`` o'clock UTC when given)."""
    moment = fields.Datetime.from_string(fields.Datetime.now()) - timedelta(days=days)
    if hour is not None:
        moment = moment.replace(hour=hour, minute=0, second=0)
    return fields.Datetime.to_string(moment)


class TestFollowUp(SavepointCase):
    """Follow-ups logged by salespeople, a team lead and a manager, and the customer dates they move."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Team = cls.env['crm.team']
        cls.team_a = Team.create({'name': '测试跟进华东组'})
        cls.team_b = Team.create({'name': '测试跟进华南组'})
        salesman = ['sales_team.group_sale_salesman']
        cls.sales_a1 = create_user(cls.env, 'test_fu_a1', '测试跟进张三', salesman, sale_team_id=cls.team_a.id)
        cls.sales_a2 = create_user(cls.env, 'test_fu_a2', '测试跟进李四', salesman, sale_team_id=cls.team_a.id)
        cls.sales_b = create_user(cls.env, 'test_fu_b', '测试跟进王五', salesman, sale_team_id=cls.team_b.id)
        cls.lead_a = create_user(cls.env, 'test_fu_lead', '测试跟进组长', ['sales_team.group_sale_salesman_all_leads'],
                                 sale_team_id=cls.team_a.id)
        cls.team_a.user_id = cls.lead_a
        cls.manager = create_user(cls.env, 'test_fu_manager', '测试跟进总监', ['sales_team.group_sale_manager'])
        cls.category = cls.env['crm.customer.category'].create({
            'name': '测试跟进类别', 'code': 'TFU', 'follow_up_interval_days': 10,
            'recall_days_without_follow_up': 0, 'recall_days_without_won': 0})
        Partner = cls.env['res.partner']

        def customer(name, owner, team):
            return Partner.create({'name': name, 'is_company': True, 'customer': True,
                                   'customer_category_id': cls.category.id,
                                   'user_id': owner.id if owner else False, 'team_id': team.id if team else False})
        cls.customer_a1 = customer('测试跟进甲公司', cls.sales_a1, cls.team_a)
        cls.customer_a2 = customer('测试跟进乙公司', cls.sales_a2, cls.team_a)
        cls.customer_b = customer('测试跟进丙公司', cls.sales_b, cls.team_b)
        cls.pool_customer = customer('测试跟进公海公司', None, None)
        cls.contact_a1 = Partner.create({'name': '测试联系人赵六', 'parent_id': cls.customer_a1.id})

    def _log(self, user, customer, **values):
        values = dict({'partner_id': customer.id, 'content': '电话沟通需求', 'follow_up_type': 'call'}, **values)
        return self.env['crm.customer.follow.up'].sudo(user).create(values)

    def test_follow_up_updates_customer_dates(self):
        self.assertFalse(self.customer_a1.last_follow_up_date)
        first = self._log(self.sales_a1, self.customer_a1, date=days_ago(5, hour=2))
        self.assertEqual(self.customer_a1.last_follow_up_date, first.date)
        # Without a next date, the category's interval proposes one (10 days after the follow-up).
        self.assertEqual(self.customer_a1.next_follow_up_date, first.next_follow_up_date)
        expected_next = fields.Datetime.from_string(first.date).date() + timedelta(days=10)
        self.assertEqual(fields.Date.from_string(first.next_follow_up_date), expected_next)

        # Logged on the contact person: it goes to his company, with him as the contact.
        next_date = fields.Date.to_string(fields.Date.from_string(fields.Date.today()) + timedelta(days=3))
        second = self._log(self.sales_a1, self.contact_a1, next_follow_up_date=next_date, follow_up_type='visit')
        self.assertEqual(second.partner_id, self.customer_a1)
        self.assertEqual(second.contact_id, self.contact_a1)
        self.assertEqual(self.customer_a1.last_follow_up_date, second.date)
        self.assertEqual(self.customer_a1.next_follow_up_date, next_date)

        # A follow-up entered late, dated before the latest, moves neither date back.
        self._log(self.sales_a1, self.customer_a1, date=days_ago(20), next_follow_up_date=False)
        self.assertEqual(self.customer_a1.last_follow_up_date, second.date)
        self.assertEqual(self.customer_a1.next_follow_up_date, next_date)
        self.assertEqual(self.customer_a1.sudo(self.sales_a1).follow_up_count, 3)

        # Deleted (by a manager), the customer's dates come from the follow-ups left.
        second.sudo(self.manager).unlink()
        self.assertEqual(self.customer_a1.last_follow_up_date, first.date)

    def test_follow_up_dates_are_checked(self):
        tomorrow = fields.Datetime.to_string(fields.Datetime.from_string(fields.Datetime.now()) + timedelta(days=1))
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self._log(self.sales_a1, self.customer_a1, date=tomorrow)
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self._log(self.sales_a1, self.customer_a1, date=days_ago(3), next_follow_up_date=days_ago(10)[:10])
        with self.assertRaises(UserError), self.cr.savepoint():
            other_contact = self.env['res.partner'].create({'name': '测试别家联系人', 'parent_id': self.customer_b.id})
            self._log(self.sales_a1, self.customer_a1, contact_id=other_contact.id)
        self.assertFalse(self.customer_a1.last_follow_up_date)

    def test_salesperson_cannot_log_on_colleague_or_pool_customer(self):
        FollowUp = self.env['crm.customer.follow.up'].with_context(lang='en_US')
        with self.assertRaisesRegex(UserError, '测试跟进李四'), self.cr.savepoint():
            FollowUp.sudo(self.sales_a1).create({'partner_id': self.customer_a2.id, 'content': '抢单'})
        with self.assertRaisesRegex(UserError, 'claim it'), self.cr.savepoint():
            FollowUp.sudo(self.sales_a1).create({'partner_id': self.pool_customer.id, 'content': '公海客户'})
        with self.assertRaises(UserError), self.cr.savepoint():
            FollowUp.sudo(self.sales_a1).create({'partner_id': self.customer_a1.id, 'content': '替同事记录',
                                                 'user_id': self.sales_a2.id})
        self.assertFalse(FollowUp.search([('partner_id', 'in', (self.customer_a2 | self.pool_customer).ids)]))
        self.assertFalse(self.pool_customer.last_follow_up_date)
        # Once claimed, it is his.
        self.pool_customer.sudo(self.sales_a1).action_claim()
        self._log(self.sales_a1, self.pool_customer)
        self.assertTrue(self.pool_customer.last_follow_up_date)
        # His own follow-up stays his: he cannot move it to a colleague's customer.
        own = self._log(self.sales_a1, self.customer_a1)
        with self.assertRaises(UserError), self.cr.savepoint():
            own.sudo(self.sales_a1).write({'partner_id': self.customer_b.id})
        self.assertEqual(own.partner_id, self.customer_a1)

    def test_who_sees_which_follow_ups(self):
        follow_a1 = self._log(self.sales_a1, self.customer_a1)
        follow_a2 = self._log(self.sales_a2, self.customer_a2)
        follow_b = self._log(self.sales_b, self.customer_b)
        FollowUp = self.env['crm.customer.follow.up']
        mine = FollowUp.sudo(self.sales_a1).search([])
        self.assertIn(follow_a1, mine)
        self.assertNotIn(follow_a2, mine, 'a team mate\'s customer is not his')
        with self.assertRaises(AccessError), self.cr.savepoint():
            follow_b.sudo(self.sales_a1).read(['content'])
        # The team lead sees his team's follow-ups, logs on their customers, not on another team's.
        team = FollowUp.sudo(self.lead_a).search([])
        self.assertIn(follow_a1, team)
        self.assertIn(follow_a2, team)
        self.assertNotIn(follow_b, team)
        self._log(self.lead_a, self.customer_a2, content='组长陪同拜访')
        with self.assertRaises(UserError), self.cr.savepoint():
            self._log(self.lead_a, self.customer_b)
        # A sales manager sees them all.
        self.assertLessEqual(follow_a1 | follow_a2 | follow_b, FollowUp.sudo(self.manager).search([]))
        # Customer transferred: the new owner sees its history.
        self.customer_b.sudo(self.manager).action_transfer(self.sales_a1, '王五调岗')
        self.assertIn(follow_b, FollowUp.sudo(self.sales_a1).search([]))

    def test_salesperson_cannot_set_follow_up_dates_directly(self):
        with self.assertRaises(UserError), self.cr.savepoint():
            self.customer_a1.sudo(self.sales_a1).write({'last_follow_up_date': fields.Datetime.now()})
        with self.assertRaises(UserError), self.cr.savepoint():
            self.customer_a1.sudo(self.sales_a1).write({'owner_since_date': fields.Datetime.now()})
        self.assertFalse(self.customer_a1.last_follow_up_date)
