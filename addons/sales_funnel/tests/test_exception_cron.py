from datetime import date, datetime, timedelta

from odoo import fields

from .common import FunnelCase


class TestExceptionCron(FunnelCase):
    """Stalled, overdue and inactive opportunities are flagged once each, with an activity for the owner
    and one for the team lead; re-running creates nothing new; a gone cause resolves the exception."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.opportunity_inactive_days = 30
        cls.Exception = cls.env['crm.lead.exception']

    def _backdate(self, lead, stage_days=0, activity_days=0):
        now = datetime.now()
        self.env.cr.execute(
            "UPDATE crm_lead SET date_last_stage_update = %s, last_activity_date = %s WHERE id = %s",
            [fields.Datetime.to_string(now - timedelta(days=stage_days)),
             fields.Datetime.to_string(now - timedelta(days=activity_days)), lead.id])
        lead.invalidate_cache()

    def _open(self, lead):
        return self.Exception.search([('lead_id', '=', lead.id), ('state', '=', 'open')])

    def _cron(self):
        self.Exception._cron_detect()
        self.env.cache.invalidate()

    def test_stalled_once_with_activities_then_resolved(self):
        lead = self._opportunity(self.sales_east, self.type_upsell, team_id=self.team_east.id)  # 意向: 7 days max
        self._backdate(lead, stage_days=10, activity_days=2)
        self._cron()
        exception = self._open(lead)
        self.assertEqual(exception.exception_type, 'stalled')
        self.assertIn('意向', exception.detail)
        self.assertEqual(exception.days, 10)
        activities = lead.activity_ids
        self.assertEqual(set(activities.mapped('user_id')), {self.sales_east, self.team_lead},
                         'one activity for the owner, one for the team lead')
        # due today for the scheduled action's user (its time zone: the lead's creator may have another)
        self.assertEqual(lead.activity_date_deadline, fields.Date.context_today(self.Exception))
        self._cron()
        self.assertEqual(len(self._open(lead)), 1, 'no second exception on re-run')
        self.assertEqual(len(lead.activity_ids), 2, 'no second activity on re-run')
        # the owner moves on: the exception is resolved and its reminders removed
        lead.sudo(self.sales_east).write({'stage_id': self.l_quote.id})
        self._cron()
        self.assertFalse(self._open(lead))
        self.assertEqual(exception.state, 'resolved')
        self.assertTrue(exception.date_resolved)
        self.assertFalse(lead.activity_ids)

    def test_overdue_and_inactive(self):
        lead = self._opportunity(self.sales_east, self.type_upsell, team_id=self.team_east.id,
                                 date_deadline=fields.Date.to_string(date.today() - timedelta(days=3)))
        self._backdate(lead, stage_days=3, activity_days=45)
        self._cron()
        self.assertEqual(set(self._open(lead).mapped('exception_type')), {'overdue', 'inactive'})
        self.assertEqual(len(lead.activity_ids), 4)
        # a message of the owner is activity: the inactive exception goes, the overdue one stays
        lead.sudo(self.sales_east).message_post(
            body='已电话沟通交期', message_type='comment', subtype='mail.mt_note')
        self._cron()
        self.assertEqual(self._open(lead).mapped('exception_type'), ['overdue'])

    def test_closed_and_unlimited_are_not_flagged(self):
        won = self._opportunity(self.sales_east, self.type_upsell)
        won.sudo(self.sales_east).action_set_won()
        lost = self._opportunity(self.sales_east, self.type_upsell)
        lost.sudo(self.sales_east).action_set_lost()
        no_limit = self._opportunity(self.sales_east, self.type_project)
        self.s_contact.max_days = 0
        for lead in (won, lost, no_limit):
            self._backdate(lead, stage_days=100, activity_days=1)
        self._cron()
        self.assertFalse(self.Exception.search([('lead_id', 'in', (won | lost | no_limit).ids)]))

    def test_exceptions_follow_their_opportunity(self):
        mine = self._opportunity(self.sales_east, self.type_upsell, team_id=self.team_east.id)
        other = self._opportunity(self.sales_south, self.type_upsell, team_id=self.team_south.id)
        for lead in (mine, other):
            self._backdate(lead, stage_days=10, activity_days=1)
        self._cron()
        domain = [('lead_id', 'in', (mine | other).ids)]
        self.assertEqual(self.Exception.sudo(self.sales_east).search(domain).mapped('lead_id'), mine)
        self.assertEqual(self.Exception.sudo(self.manager).search(domain).mapped('lead_id'), mine | other)
