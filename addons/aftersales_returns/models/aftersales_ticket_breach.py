import logging

from psycopg2.extensions import TransactionRollbackError

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.crm_lifecycle.models.cron_batch import BATCH_SIZE, commit_batch

_logger = logging.getLogger(__name__)

BREACH_KINDS = [('response', 'Response'), ('resolution', 'Resolution')]


class AftersalesTicketBreach(models.Model):
    """One SLA breach raised: the response or resolution deadline of a ticket passed. The scheduled action
    inserts the row before it creates the activities, and the unique constraint makes a second insert of the
    same breach do nothing: a re-run, or two runs at the same instant, never raise it twice."""
    _name = 'aftersales.ticket.breach'
    _description = 'SLA Breach'
    _order = 'id desc'
    _rec_name = 'kind'

    ticket_id = fields.Many2one('aftersales.ticket', string='Ticket', required=True, readonly=True, index=True,
                                ondelete='cascade')
    kind = fields.Selection(BREACH_KINDS, string='Deadline', required=True, readonly=True)
    deadline = fields.Datetime(required=True, readonly=True)
    user_id = fields.Many2one('res.users', string='Assignee', readonly=True, ondelete='set null')
    company_id = fields.Many2one('res.company', required=True, readonly=True, index=True)
    create_date = fields.Datetime('Raised on', readonly=True)

    _sql_constraints = [
        ('ticket_kind_unique', 'UNIQUE (ticket_id, kind)', 'This SLA breach was already raised.'),
    ]

    @api.model_cr
    def init(self):
        # The candidates come from these partial indexes, not from a loop over tickets.
        for name, column, where in [
                ('aftersales_ticket_response_due_idx', 'response_deadline',
                 "state IN ('new', 'assigned', 'in_progress') AND first_response_date IS NULL"),
                ('aftersales_ticket_resolution_due_idx', 'resolution_deadline',
                 "state IN ('new', 'assigned', 'in_progress')")]:
            self.env.cr.execute('CREATE INDEX IF NOT EXISTS %s ON aftersales_ticket (%s) WHERE %s'
                                % (name, column, where))

    def _breach_candidates(self, ticket_ids=None):
        """(ticket id, kind, deadline) of every open ticket past a deadline not met, not raised yet."""
        only = 'AND t.id IN %(ids)s' if ticket_ids else ''
        self.env.cr.execute("""
            SELECT t.id, 'response' AS kind, t.response_deadline FROM aftersales_ticket t
             WHERE t.state IN ('new', 'assigned', 'in_progress') AND t.first_response_date IS NULL
               AND t.response_deadline < %(now)s {only}
               AND NOT EXISTS (SELECT 1 FROM aftersales_ticket_breach b
                                WHERE b.ticket_id = t.id AND b.kind = 'response')
            UNION ALL
            SELECT t.id, 'resolution', t.resolution_deadline FROM aftersales_ticket t
             WHERE t.state IN ('new', 'assigned', 'in_progress') AND t.resolution_deadline < %(now)s {only}
               AND NOT EXISTS (SELECT 1 FROM aftersales_ticket_breach b
                                WHERE b.ticket_id = t.id AND b.kind = 'resolution')
             ORDER BY 1, 2""".format(only=only), {'now': fields.Datetime.now(), 'ids': tuple(ticket_ids or [0])})
        return self.env.cr.fetchall()

    @api.model
    def _raise_breaches_of(self, ticket_ids):
        """The breaches of these tickets, at once, without committing (demo data)."""
        for ticket_id, kind, deadline in self._breach_candidates(ticket_ids):
            self._raise_breach(ticket_id, kind, deadline)
        return True

    @api.model
    def _cron_raise_breaches(self):
        """Every open ticket past a deadline not met, not raised yet: a log row and activities."""
        candidates = self._breach_candidates()
        for start in range(0, len(candidates), BATCH_SIZE):
            for ticket_id, kind, deadline in candidates[start:start + BATCH_SIZE]:
                try:
                    with self.env.cr.savepoint():
                        self._raise_breach(ticket_id, kind, deadline)
                except TransactionRollbackError:
                    # A run at the same instant inserted it and committed after this transaction began:
                    # PostgreSQL refuses the insert (repeatable read). It is raised, by the other run.
                    _logger.info('SLA breach %s of ticket %s raised by a concurrent run', kind, ticket_id)
                except (AccessError, UserError, ValidationError) as error:
                    _logger.warning('SLA breach %s of ticket %s not raised: %s', kind, ticket_id, error)
            commit_batch(self.env)
        return True

    def _raise_breach(self, ticket_id, kind, deadline):
        """Insert the log row (nothing if it exists), then an activity for each one to tell."""
        ticket = self.env['aftersales.ticket'].sudo().browse(ticket_id)
        self.env.cr.execute("""
            INSERT INTO aftersales_ticket_breach (ticket_id, kind, deadline, user_id, company_id, create_uid,
                                                  write_uid, create_date, write_date)
            VALUES (%(ticket)s, %(kind)s, %(deadline)s, %(user)s, %(company)s, %(uid)s, %(uid)s,
                    now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC')
            ON CONFLICT DO NOTHING
            RETURNING id""", {'ticket': ticket.id, 'kind': kind, 'deadline': deadline,
                              'user': ticket.user_id.id or None, 'company': ticket.company_id.id,
                              'uid': self.env.uid}, log_exceptions=False)
        if not self.env.cr.fetchone():
            return False
        model = self.env['ir.model']._get('aftersales.ticket')
        activity_type = self.env.ref('aftersales_returns.mail_activity_type_sla_breach')
        for user in ticket._breach_recipients():
            summary = self.with_context(lang=user.lang)._summary(ticket, kind)
            self.env['mail.activity'].sudo().create({
                'res_model_id': model.id,
                'res_id': ticket.id,
                'activity_type_id': activity_type.id,
                'user_id': user.id,
                'summary': summary,
                'date_deadline': fields.Date.context_today(self),
            })
        return True

    def _summary(self, ticket, kind):
        values = {'name': ticket.name, 'title': ticket.title}
        if kind == 'response':
            return _('SLA breach: ticket %(name)s (%(title)s) was not answered in time.') % values
        return _('SLA breach: ticket %(name)s (%(title)s) was not resolved in time.') % values
