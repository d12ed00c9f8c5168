from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError

from .common import ContractCase


class TestContractAlerts(ContractCase):
    """The daily alerts: the right activity for the right user, once per event."""

    @classmethod
    def setUpClass(cls):
        super(TestContractAlerts, cls).setUpClass()
        cls.company = cls.env.user.company_id
        cls.company.write({'collection_user_id': cls.accountant.id, 'contract_alert_end_days': 30,
                           'instalment_alert_due_days': 7, 'approval_alert_days': 3, 'acceptance_alert_days': 7,
                           'overdue_escalation_days': 30})
        cls.Alert = cls.env['sale.contract.alert']
        cls.today = fields.Date.from_string(fields.Date.context_today(cls.env.user))

    def _day(self, days):
        return fields.Date.to_string(self.today + timedelta(days=days))

    def _contract(self):
        """Signed, ends in 10 days, acceptance due in 5; instalments due in 3 days, overdue by 40 and by 5
        days, and one due in 200 days."""
        return self._signed_contract_with_plan(plans=[
            (0, 0, {'sequence': 1, 'name': '预付款', 'amount': 30000.0, 'trigger': 'date', 'due_date': self._day(3)}),
            (0, 0, {'sequence': 2, 'name': '进度款', 'amount': 40000.0, 'trigger': 'date', 'due_date': self._day(-40)}),
            (0, 0, {'sequence': 3, 'name': '发货款', 'amount': 20000.0, 'trigger': 'date', 'due_date': self._day(-5)}),
            (0, 0, {'sequence': 4, 'name': '尾款', 'amount': 10000.0, 'trigger': 'date', 'due_date': self._day(200)}),
        ], date_end=self._day(10), acceptance_due_date=self._day(5))

    def _activities(self, record):
        """{(activity type xmlid suffix, user)} of the alert activities on ``record``."""
        xmlids = {self.env.ref('contract_mgmt.mail_activity_type_alert_' + event): event
                  for event in ('contract_end', 'acceptance_due', 'instalment_due', 'instalment_overdue',
                                'instalment_escalation', 'approval_waiting')}
        return sorted((xmlids[activity.activity_type_id], activity.user_id.login)
                      for activity in self.env['mail.activity'].search([
                          ('res_model', '=', record._name), ('res_id', '=', record.id),
                          ('activity_type_id', 'in', [t.id for t in xmlids])]))

    def test_each_alert_goes_to_the_right_users_once(self):
        contract = self._contract()
        plans = {plan.name: plan for plan in contract.payment_plan_ids}
        self.Alert._cron_create_alerts()
        sales, accountant, lead = (self.salesperson.login, self.accountant.login, self.team_lead.login)
        self.assertEqual(self._activities(contract), sorted([
            ('contract_end', sales), ('acceptance_due', sales),
            ('instalment_due', sales), ('instalment_due', accountant),          # 预付款, in 3 days
            ('instalment_overdue', sales), ('instalment_overdue', accountant),  # 进度款, 40 days late
            ('instalment_overdue', sales), ('instalment_overdue', accountant),  # 发货款, 5 days late
            ('instalment_escalation', lead),                                    # 进度款 only: over 30 days
        ]))
        escalation = self.Alert.search([('event', '=', 'instalment_escalation'), ('contract_id', '=', contract.id)])
        self.assertEqual((escalation.res_model, escalation.res_id), ('sale.payment.plan', plans['进度款'].id))
        self.assertEqual(escalation.event_date, plans['进度款'].due_date)
        self.assertFalse(self.Alert.search([('res_model', '=', 'sale.payment.plan'),
                                            ('res_id', '=', plans['尾款'].id)]), 'not due for 200 days')
        activity = escalation.activity_id
        self.assertIn('进度款', activity.summary)
        self.assertIn(contract.name, activity.summary)
        # the next day's run (or a second one today) alerts nothing again
        alerts = self.Alert.search_count([('contract_id', '=', contract.id)])
        self.Alert._cron_create_alerts()
        self.assertEqual(len(self._activities(contract)), 9)
        self.assertEqual(self.Alert.search_count([('contract_id', '=', contract.id)]), alerts)

    def test_a_run_that_picked_the_same_candidates_creates_nothing(self):
        """Two runs at the same instant select the same candidates: the unique log row lets one through
        (in PostgreSQL, the second insert waits for the first transaction, then does nothing)."""
        contract = self._contract()
        candidates = self.Alert._candidates_instalment_overdue(self.company, self.today)
        mine = [c for c in candidates if c['contract_id'] == contract.id]
        self.assertEqual(len(mine), 4)
        self.Alert._send_alerts('instalment_overdue', self.company, mine)
        self.assertEqual(len(self._activities(contract)), 4)
        self.Alert._send_alerts('instalment_overdue', self.company, mine)
        self.assertEqual(len(self._activities(contract)), 4)
        self.assertFalse([c for c in self.Alert._candidates_instalment_overdue(self.company, self.today)
                          if c['contract_id'] == contract.id], 'alerted events are no longer candidates')

    def test_a_moved_due_date_is_a_new_event(self):
        contract = self._contract()
        plan = contract.payment_plan_ids.filtered(lambda p: p.name == '预付款')
        self.Alert._cron_create_alerts()
        old = self.Alert.search([('event', '=', 'instalment_due'), ('res_id', '=', plan.id),
                                 ('user_id', '=', self.salesperson.id)])
        self.assertEqual(len(old), 1)
        # the customer gets two more days (as an amendment would do)
        plan.sudo().write({'due_date': self._day(5)})
        self.Alert._cron_create_alerts()
        alerts = self.Alert.search([('event', '=', 'instalment_due'), ('res_id', '=', plan.id),
                                    ('user_id', '=', self.salesperson.id)])
        self.assertEqual(sorted(alerts.mapped('event_date')), sorted([self._day(3), self._day(5)]))
        activities = self.env['mail.activity'].search([
            ('res_model', '=', 'sale.contract'), ('res_id', '=', contract.id), ('user_id', '=', self.salesperson.id),
            ('activity_type_id', '=', self.env.ref('contract_mgmt.mail_activity_type_alert_instalment_due').id)])
        self.assertEqual(len(activities), 1, 'the activity of the old date is replaced')
        self.assertEqual(activities.date_deadline, self._day(5))

    def test_paid_instalment_alerts_are_closed(self):
        contract = self._contract()
        plan = contract.payment_plan_ids.filtered(lambda p: p.name == '发货款')
        self.Alert._cron_create_alerts()
        plan.sudo(self.accountant).action_create_invoice()
        self._register_payment(plan.invoice_id, 20000.0)
        self.assertEqual(plan.payment_state, 'paid')
        self.Alert._cron_create_alerts()
        alerts = self.Alert.search([('res_model', '=', 'sale.payment.plan'), ('res_id', '=', plan.id)])
        self.assertEqual(len(alerts), 2)
        self.assertFalse(alerts.mapped('activity_id'), 'nobody chases a paid instalment')

    def test_approval_waiting_reminds_the_pending_reviewers(self):
        waiting = self._draft_contract()
        waiting.sudo(self.salesperson).action_submit()
        recent = self._draft_contract()
        recent.sudo(self.salesperson).action_submit()
        self.env.cr.execute("UPDATE sale_contract SET approval_requested_date = now() - interval '5 days' "
                            "WHERE id = %s", [waiting.id])
        waiting.invalidate_cache()
        reviewers = waiting.review_ids.mapped('reviewer_ids')
        self.assertIn(self.manager, reviewers)
        self.Alert._cron_create_alerts()
        activities = self._activities(waiting)
        self.assertIn(('approval_waiting', self.manager.login), activities)
        self.assertEqual({event for event, _login in activities}, {'approval_waiting'})
        self.assertEqual(len(activities), len(reviewers - self.salesperson))
        self.assertFalse(self._activities(recent), 'submitted today: not waiting long')
        # approved: the reminders go
        waiting.sudo(self.manager).action_approve()
        self.Alert._cron_create_alerts()
        self.assertFalse(self._activities(waiting))

    def test_settings_turn_an_alert_off_and_change_its_horizon(self):
        self.company.write({'contract_alert_end_days': 0, 'instalment_alert_due_days': 2})
        contract = self._contract()
        self.Alert._cron_create_alerts()
        events = {event for event, _login in self._activities(contract)}
        self.assertNotIn('contract_end', events)
        self.assertNotIn('instalment_due', events, 'due in 3 days, alerted 2 days ahead')
        self.assertIn('acceptance_due', events)
        settings = self.env['res.config.settings'].create({})
        self.assertEqual(settings.instalment_alert_due_days, 2)
        self.assertEqual(settings.collection_user_id, self.accountant)

    def test_alert_log_access(self):
        contract = self._contract()
        self.Alert._cron_create_alerts()
        mine = self.Alert.sudo(self.salesperson).search([('contract_id', '=', contract.id)])
        self.assertTrue(mine)
        self.assertEqual(mine.mapped('user_id'), self.salesperson, 'a user reads the alerts sent to him')
        self.assertFalse(self.Alert.sudo(self.colleague).search([('contract_id', '=', contract.id)]))
        everyone = self.Alert.sudo(self.manager).search([('contract_id', '=', contract.id)])
        self.assertEqual(everyone.mapped('user_id'), self.salesperson | self.accountant | self.team_lead)
        with self.assertRaises(AccessError):
            mine.sudo(self.salesperson).write({'event_date': self._day(1)})
        with self.assertRaises(AccessError):
            self.Alert.sudo(self.manager).create({
                'event': 'contract_end', 'res_model': 'sale.contract', 'res_id': contract.id,
                'user_id': self.manager.id, 'event_date': self._day(1), 'company_id': self.company.id})
