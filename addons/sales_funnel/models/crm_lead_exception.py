import logging

from psycopg2.extras import execute_values

from odoo import _, api, fields, models
from odoo.addons.crm_lifecycle.models.cron_batch import BATCH_SIZE, commit_batch
from odoo.tools import html_escape

_logger = logging.getLogger(__name__)

EXCEPTION_TYPES = [
    ('stalled', 'Stalled in Stage'),
    ('overdue', 'Past Expected Closing'),
    ('inactive', 'No Activity'),
]


class CrmLeadException(models.Model):
    """An exception of an open opportunity (商机异常): stalled longer than its stage's maximum days, past
    its expected closing date, or without any activity for the company's number of days.

    The scheduled action finds them with one query, opens each once (one open exception per opportunity
    and kind, enforced by a partial unique index) with one activity for the owner and one for the team
    lead, and resolves those whose cause is gone. It writes in batches with a commit per batch, in a few
    statements each, and can be re-run or killed half-way safely.
    """
    _name = 'crm.lead.exception'
    _description = 'Opportunity Exception'
    _order = 'date_detected desc, id desc'
    _rec_name = 'lead_id'

    lead_id = fields.Many2one('crm.lead', 'Opportunity', required=True, index=True, ondelete='cascade')
    exception_type = fields.Selection(EXCEPTION_TYPES, 'Exception', required=True, index=True)
    state = fields.Selection([('open', 'Open'), ('resolved', 'Resolved')], required=True, default='open', index=True)
    date_detected = fields.Datetime('Detected On', required=True, default=fields.Datetime.now)
    date_resolved = fields.Datetime('Resolved On')
    detail = fields.Char()
    days = fields.Integer(help='Days in the stage, days past the expected closing or days without activity, '
                               'when detected.')
    stage_id = fields.Many2one('crm.stage', 'Stage', ondelete='set null')
    user_id = fields.Many2one('res.users', 'Salesperson', index=True, ondelete='set null')
    team_id = fields.Many2one('crm.team', 'Sales Team', index=True, ondelete='set null')
    company_id = fields.Many2one('res.company', 'Company', index=True, ondelete='cascade')
    owner_activity_id = fields.Many2one('mail.activity', 'Activity of the Owner', ondelete='set null')
    leader_activity_id = fields.Many2one('mail.activity', 'Activity of the Team Lead', ondelete='set null')

    @api.model_cr
    def init(self):
        # never two open exceptions of one kind on one opportunity, however often the cron runs
        self.env.cr.execute("""
            CREATE UNIQUE INDEX IF NOT EXISTS crm_lead_exception_open_uniq
                ON crm_lead_exception (lead_id, exception_type) WHERE state = 'open'""")

    # ------------------------------------------------------------------------------------------------
    # The cron
    # ------------------------------------------------------------------------------------------------
    @api.model
    def _cron_detect(self):
        """Resolve the open exceptions whose cause is gone, then open the new ones, a batch at a time."""
        now = fields.Datetime.now()
        self._select_candidates(now)
        self._resolve_gone(now)
        new = self._new_candidates()
        commit_batch(self.env)
        for start in range(0, len(new), BATCH_SIZE):
            self._open_exceptions(new[start:start + BATCH_SIZE], now)
            commit_batch(self.env)
        return True

    @api.model
    def _candidates_query(self):
        """The open opportunities in exception, one row each per kind: (lead id, kind, days, stage, owner,
        team, team lead, company, limit in days). The benchmark compares this with one hand-written query."""
        return """
            WITH open_lead AS (
                SELECT lead.id, lead.stage_id, lead.user_id, lead.team_id, lead.company_id, lead.date_deadline,
                       lead.date_last_stage_update, lead.last_activity_date
                  FROM crm_lead lead
                 WHERE lead.active AND lead.type = 'opportunity' AND lead.probability < 100
            ), found AS (
                SELECT lead.id, 'stalled' AS kind,
                       EXTRACT(DAY FROM %(now)s::timestamp - lead.date_last_stage_update)::int AS days,
                       stage.max_days AS max_days
                  FROM open_lead lead
                  JOIN crm_stage stage ON stage.id = lead.stage_id
                 WHERE stage.max_days > 0
                   AND lead.date_last_stage_update < %(now)s::timestamp - stage.max_days * INTERVAL '1 day'
                UNION ALL
                SELECT lead.id, 'overdue', (%(today)s::date - lead.date_deadline)::int, 0
                  FROM open_lead lead
                 WHERE lead.date_deadline < %(today)s::date
                UNION ALL
                SELECT lead.id, 'inactive', EXTRACT(DAY FROM %(now)s::timestamp - lead.last_activity_date)::int,
                       company.opportunity_inactive_days
                  FROM open_lead lead
                  JOIN res_company company ON company.id = lead.company_id
                 WHERE company.opportunity_inactive_days > 0
                   AND lead.last_activity_date
                       < %(now)s::timestamp - company.opportunity_inactive_days * INTERVAL '1 day'
            )
            SELECT found.id AS lead_id, found.kind, found.days, lead.stage_id, lead.user_id, lead.team_id,
                   team.user_id AS leader_id, lead.company_id, found.max_days
              FROM found
              JOIN open_lead lead ON lead.id = found.id
              LEFT JOIN crm_team team ON team.id = lead.team_id
             ORDER BY found.id, found.kind"""

    @api.model
    def _select_candidates(self, now):
        """The candidates into a temporary table (dropped by _new_candidates, or with the transaction): the
        re-run compares them with the open exceptions in SQL, instead of sending 100,000 rows to Python and
        back."""
        today = fields.Date.context_today(self)
        self.env.cr.execute("CREATE TEMPORARY TABLE crm_lead_exception_candidate ON COMMIT DROP AS "
                            + self._candidates_query(), {'now': now, 'today': today})

    @api.model
    def _resolve_gone(self, now):
        """Open exceptions whose opportunity is no longer in that exception: resolved, their open
        activities removed (the reminder has no object any more)."""
        self.env.cr.execute("""
            UPDATE crm_lead_exception exception
               SET state = 'resolved', date_resolved = %s, write_date = %s, write_uid = %s
             WHERE exception.state = 'open'
               AND NOT EXISTS (SELECT 1 FROM crm_lead_exception_candidate candidate
                                WHERE candidate.lead_id = exception.lead_id
                                  AND candidate.kind = exception.exception_type)
         RETURNING exception.lead_id, exception.owner_activity_id, exception.leader_activity_id""",
                            [now, now, self.env.uid])
        rows = self.env.cr.fetchall()
        activity_ids = [activity_id for row in rows for activity_id in row[1:] if activity_id]
        if activity_ids:
            self.env.cr.execute("DELETE FROM mail_activity WHERE id = ANY(%s)", [activity_ids])
            self._refresh_activity_deadlines({row[0] for row in rows})
        self.invalidate_cache()
        return len(rows)

    @api.model
    def _new_candidates(self):
        """The candidates without an open exception of their kind yet, and the end of the temporary table
        (tests run the cron twice in one transaction)."""
        self.env.cr.execute("""
            SELECT lead_id, kind, days, stage_id, user_id, team_id, leader_id, company_id, max_days
              FROM crm_lead_exception_candidate candidate
             WHERE NOT EXISTS (SELECT 1 FROM crm_lead_exception exception
                                WHERE exception.state = 'open' AND exception.lead_id = candidate.lead_id
                                  AND exception.exception_type = candidate.kind)
             ORDER BY candidate.lead_id, candidate.kind""")
        rows = self.env.cr.fetchall()
        self.env.cr.execute("DROP TABLE crm_lead_exception_candidate")
        return rows

    @api.model
    def _open_exceptions(self, rows, now):
        """One batch: the exceptions and their activities in a few statements (texts in each user's language)."""
        if not rows:
            return
        cr = self.env.cr
        execute_values(cr._obj, """
            INSERT INTO crm_lead_exception (lead_id, exception_type, days, stage_id, user_id, team_id, company_id,
                                            state, date_detected, detail, create_uid, create_date, write_uid,
                                            write_date)
            VALUES %s
            ON CONFLICT DO NOTHING
            RETURNING id, lead_id, exception_type""", [
                (lead_id, kind, days, stage_id, user_id, team_id, company_id, 'open', now, None,
                 self.env.uid, now, self.env.uid, now)
                for lead_id, kind, days, stage_id, user_id, team_id, __, company_id, __ in rows], page_size=len(rows))
        created = {(lead_id, kind): exception_id for exception_id, lead_id, kind in cr.fetchall()}
        details = self._activity_values(rows, created, now)
        activity_rows = [values for values in details if values['user_id']]
        if activity_rows:
            execute_values(cr._obj, """
                INSERT INTO mail_activity (res_id, res_model_id, res_model, res_name, activity_type_id, summary,
                                           note, date_deadline, user_id, create_uid, create_date, write_uid,
                                           write_date)
                VALUES %s
                RETURNING id""", [
                    (values['lead_id'], values['model_id'], 'crm.lead', values['lead_name'], values['type_id'],
                     values['summary'], values['note'], values['deadline'], values['user_id'], self.env.uid, now,
                     self.env.uid, now) for values in activity_rows], page_size=len(activity_rows))
            for values, (activity_id,) in zip(activity_rows, cr.fetchall()):
                values['activity_id'] = activity_id
        execute_values(cr._obj, """
            UPDATE crm_lead_exception exception
               SET detail = data.detail::varchar, owner_activity_id = data.owner_activity::int,
                   leader_activity_id = data.leader_activity::int
              FROM (VALUES %s) AS data(id, detail, owner_activity, leader_activity)
             WHERE exception.id = data.id""", self._exception_updates(details), page_size=len(rows))
        self._refresh_activity_deadlines({row[0] for row in rows})
        self.invalidate_cache()

    def _activity_values(self, rows, created, now):
        """The activities to create for the newly opened exceptions: for the owner and, when another
        person, for the team lead; summary and note in each one's language."""
        Lead = self.env['crm.lead'].sudo().with_context(prefetch_fields=False)
        leads = {lead.id: lead for lead in Lead.browse([row[0] for row in rows])}
        users = self.env['res.users'].sudo().browse({user for row in rows for user in (row[4], row[6]) if user})
        langs = {user.id: user.lang or 'en_US' for user in users}
        stages = {stage.id: stage for stage in self.env['crm.stage'].browse({row[3] for row in rows if row[3]})}
        model_id = self.env['ir.model']._get('crm.lead').id
        type_id = self.env.ref('sales_funnel.mail_activity_type_opportunity_exception').id
        today = fields.Date.context_today(self)
        values = []
        for lead_id, kind, days, stage_id, user_id, team_id, leader_id, company_id, max_days in rows:
            exception_id = created.get((lead_id, kind))
            if not exception_id:
                continue  # opened meanwhile by a concurrent run
            recipients = [(user_id, 'owner')] + ([(leader_id, 'leader')] if leader_id and leader_id != user_id else [])
            for recipient, role in recipients:
                lang = langs.get(recipient, 'en_US')
                stage = stages.get(stage_id)
                texts = self.with_context(lang=lang)._texts(kind, days, max_days,
                                                            stage.with_context(lang=lang).name if stage else '')
                values.append({
                    'exception_id': exception_id, 'role': role, 'lead_id': lead_id, 'user_id': recipient,
                    'lead_name': leads[lead_id].name, 'model_id': model_id, 'type_id': type_id,
                    'summary': texts['summary'], 'note': '<p>%s</p>' % html_escape(texts['detail']),
                    'deadline': today, 'detail': texts['detail'] if role == 'owner' else None,
                })
        return values

    @staticmethod
    def _exception_updates(details):
        by_exception = {}
        for values in details:
            row = by_exception.setdefault(values['exception_id'], {'detail': None, 'owner': None, 'leader': None})
            row['detail'] = row['detail'] or values['detail']
            row[values['role']] = values.get('activity_id')
        return [(exception_id, row['detail'], row['owner'], row['leader'])
                for exception_id, row in by_exception.items()]

    def _texts(self, kind, days, max_days, stage_name):
        """The exception's summary and detail, in the context's language."""
        if kind == 'stalled':
            detail = _('In stage "%(stage)s" for %(days)d days; the stage allows %(max)d.') % {
                'stage': stage_name, 'days': days, 'max': max_days}
            return {'summary': _('Opportunity stalled'), 'detail': detail}
        if kind == 'overdue':
            return {'summary': _('Opportunity past its expected closing'),
                    'detail': _('Expected to close %d days ago: win it, mark it lost or move the date.') % days}
        return {'summary': _('Opportunity without activity'),
                'detail': _('No follow-up, message or stage change for %(days)d days (limit %(max)d).') % {
                    'days': days, 'max': max_days}}

    @api.model
    def _refresh_activity_deadlines(self, lead_ids):
        """crm.lead stores the deadline of its next activity (mail.activity.mixin); keep it right after
        activities were added or removed in SQL."""
        self.env.cr.execute("""
            UPDATE crm_lead lead
               SET activity_date_deadline = (SELECT MIN(activity.date_deadline) FROM mail_activity activity
                                              WHERE activity.res_model = 'crm.lead' AND activity.res_id = lead.id)
             WHERE lead.id = ANY(%s)""", [list(lead_ids)])
        self.env['crm.lead'].invalidate_cache(['activity_date_deadline', 'activity_ids'], list(lead_ids))
