from datetime import datetime, timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError

from .common import FunnelCase


def _datetime(**delta):
    return fields.Datetime.to_string(datetime.now().replace(microsecond=0) + timedelta(**delta))


class TestVisitPlans(FunnelCase):
    """A plan is an event of the visitor's calendar that follows it; done, it logs a follow-up of the customer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.contact = cls.env['res.partner'].create({
            'name': '测试漏斗周经理', 'parent_id': cls.customer.id, 'email': 'zhou@jinling.example.cn'})

    def setUp(self):
        super().setUp()
        self.lead = self._opportunity(self.sales_east, self.type_upsell, name='测试拜访 自动化改造')

    def _plan(self, user, **values):
        vals = {'lead_id': self.lead.id, 'plan_type': 'visit', 'start': _datetime(days=3), 'duration': 2,
                'purpose': '现场勘查装配线', 'location': '南京江宁', 'partner_ids': [(6, 0, self.contact.ids)]}
        vals.update(values)
        return self.env['crm.lead.visit.plan'].sudo(user).create(vals)

    def test_plan_creates_the_event_of_the_visitor(self):
        plan = self._plan(self.team_lead)
        self.assertEqual(plan.user_id, self.sales_east, "planned by the team lead, visited by the opportunity's owner")
        event = plan.event_id
        self.assertTrue(event)
        self.assertEqual(event.opportunity_id, self.lead)
        self.assertEqual(event.partner_ids, self.sales_east.partner_id | self.contact)
        self.assertEqual(event.user_id, self.sales_east)
        self.assertEqual(event.start, plan.start)
        self.assertEqual(fields.Datetime.from_string(event.stop) - fields.Datetime.from_string(event.start),
                         timedelta(hours=2))
        self.assertEqual(event.location, '南京江宁')
        self.assertIn(event, self.env['calendar.event'].sudo(self.sales_east).search(
            [('partner_ids', 'in', self.sales_east.partner_id.ids)]), "in the visitor's calendar")
        self.assertEqual(self.lead.sudo(self.sales_east).meeting_count, 1, "on the opportunity's Meetings button")

    def test_rescheduling_moves_the_event_and_cancelling_removes_it(self):
        plan = self._plan(self.sales_east)
        event = plan.event_id
        new_start = _datetime(days=5)
        plan.write({'start': new_start, 'duration': 1.5, 'purpose': '确认停产窗口'})
        self.assertEqual(plan.event_id, event, 'the same event, moved')
        self.assertEqual(event.start, new_start)
        self.assertEqual(fields.Datetime.from_string(event.stop), fields.Datetime.from_string(new_start)
                         + timedelta(hours=1.5))
        self.assertEqual(event.description, '确认停产窗口')

        plan.action_cancel()
        self.assertEqual(plan.state, 'cancelled')
        self.assertFalse(plan.event_id)
        self.assertFalse(event.exists(), 'the cancelled visit leaves the calendar')
        with self.assertRaises(UserError), self.cr.savepoint():
            plan.write({'start': _datetime(days=6)})

        plan.action_replan()
        self.assertEqual(plan.state, 'planned')
        self.assertTrue(plan.event_id, 'planned again: back in the calendar')
        self.assertEqual(plan.event_id.start, new_start)

    def test_duration_must_be_positive(self):
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self._plan(self.sales_east, duration=0)

    def test_done_needs_a_result_and_logs_a_follow_up(self):
        start = _datetime(days=-1)
        plan = self._plan(self.sales_east, start=start, plan_type='call')
        with self.assertRaisesRegex(UserError, 'result'), self.cr.savepoint():
            plan.action_done()
        with self.assertRaises(UserError), self.cr.savepoint():
            plan.write({'state': 'done'})   # what an RPC call would do
        self.assertEqual(plan.state, 'planned')
        self.assertFalse(self.customer.last_follow_up_date)

        plan.write({'result': '客户确认预算一百二十万'})
        plan.action_done()
        self.assertEqual(plan.state, 'done')
        follow_up = plan.follow_up_id
        self.assertEqual(follow_up.follow_up_type, 'call')
        self.assertEqual(follow_up.partner_id, self.customer)
        self.assertEqual(follow_up.contact_id, self.contact)
        self.assertEqual(follow_up.lead_id, self.lead)
        self.assertEqual(follow_up.user_id, self.sales_east)
        self.assertEqual(follow_up.content, '现场勘查装配线')
        self.assertEqual(follow_up.result, '客户确认预算一百二十万')
        self.assertEqual(self.customer.last_follow_up_date, start, "the customer's last follow-up moved")
        self.assertTrue(plan.event_id, 'the visit stays in the calendar')

        with self.assertRaises(UserError), self.cr.savepoint():
            plan.write({'start': _datetime(days=2)})
        with self.assertRaises(UserError), self.cr.savepoint():
            plan.write({'result': ''})
        with self.assertRaises(UserError), self.cr.savepoint():
            plan.action_cancel()

    def test_done_early_logs_the_follow_up_now(self):
        plan = self._plan(self.sales_east, start=_datetime(days=2), result='提前拜访，客户同意方案')
        plan.action_done()
        self.assertLessEqual(plan.follow_up_id.date, fields.Datetime.now(), 'a follow-up is never in the future')
        self.assertEqual(self.customer.last_follow_up_date, plan.follow_up_id.date)

    def test_collaborator_visits_a_customer_he_does_not_own(self):
        self.env['crm.lead.collaborator'].sudo(self.sales_east).create(
            {'lead_id': self.lead.id, 'user_id': self.sales_south.id, 'role': 'presales'})
        plan = self._plan(self.sales_east, user_id=self.sales_south.id, start=_datetime(hours=-3))
        as_visitor = plan.sudo(self.sales_south)
        as_visitor.write({'result': '完成技术交流'})
        as_visitor.action_done()
        self.assertEqual(plan.follow_up_id.user_id, self.sales_south)
        self.assertEqual(self.customer.last_follow_up_date, plan.start)

    def test_plans_are_seen_as_their_opportunity(self):
        plan = self._plan(self.sales_east)
        Plan = self.env['crm.lead.visit.plan']
        self.assertEqual(Plan.sudo(self.team_lead).search([('lead_id', '=', self.lead.id)]), plan)
        self.assertFalse(Plan.sudo(self.sales_east2).search([('lead_id', '=', self.lead.id)]))
        with self.assertRaises(AccessError):
            plan.sudo(self.sales_east2).read(['purpose'])
        with self.assertRaises(AccessError), self.cr.savepoint():
            self._plan(self.sales_east2)
