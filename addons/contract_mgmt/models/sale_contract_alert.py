import logging
from datetime import datetime, timedelta

from psycopg2.extensions import TransactionRollbackError

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.crm_lifecycle.models.cron_batch import BATCH_SIZE, commit_batch

_logger = logging.getLogger(__name__)

ALERT_EVENTS = [
    ('contract_end', 'Contract Ending'),
    ('acceptance_due', 'Acceptance Due'),
    ('instalment_due', 'Instalment Due'),
    ('instalment_overdue', 'Instalment Overdue'),
    ('instalment_escalation', 'Overdue Instalment Escalated'),
    ('approval_waiting', 'Approval Waiting'),
]
# The activity type of each kind of alert (data/contract_mgmt_alert_data.xml).
ACTIVITY_TYPES = {event: 'contract_mgmt.mail_activity_type_alert_' + event for event, _label in ALERT_EVENTS}
# What the instalment alerts are about, and when it no longer needs following up.
INSTALMENT_EVENTS = ('instalment_due', 'instalment_overdue', 'instalment_escalation')
# A contract still being carried out; an order's instalments count once the order is confirmed.
LIVE_PLAN_DOCUMENT = """(c.state IN ('signed', 'executing', 'done')
                         OR (p.contract_id IS NULL AND o.state IN ('sale', 'done')))"""
NOT_ALERTED = """NOT EXISTS (SELECT 1 FROM sale_contract_alert a
                              WHERE a.event = %(event)s AND a.res_model = %(res_model)s AND a.res_id = cand.res_id
                                AND a.user_id = cand.user_id AND a.event_date = cand.event_date)"""


class SaleContractAlert(models.Model):
    """One alert sent: an event (a contract ending, an instalment falling due...) of one record, on one date,
    for one user. The daily scheduled action inserts the row before it creates the activity, and the unique
    constraint makes a second insert of the same event do nothing: a re-run, or two runs at the same instant
    (the second one waits on the first one's row, then finds it), never alert twice. An event whose date
    moves (a new due date) is a new event: its alert replaces the open activity of the old date."""
    _name = 'sale.contract.alert'
    _description = 'Contract Alert'
    _order = 'id desc'
    _rec_name = 'summary'

    event = fields.Selection(ALERT_EVENTS, required=True, readonly=True, index=True)
    res_model = fields.Char('Record Model', required=True, readonly=True)
    res_id = fields.Integer('Record ID', required=True, readonly=True)
    user_id = fields.Many2one('res.users', string='Alerted User', required=True, readonly=True, index=True,
                              ondelete='cascade')
    event_date = fields.Date('Event Date', required=True, readonly=True)
    contract_id = fields.Many2one('sale.contract', string='Contract', readonly=True, index=True,
                                  ondelete='cascade')
    sale_order_id = fields.Many2one('sale.order', string='Sales Order', readonly=True, ondelete='cascade')
    company_id = fields.Many2one('res.company', required=True, readonly=True, index=True)
    activity_id = fields.Many2one('mail.activity', string='Activity', readonly=True, ondelete='set null')
    summary = fields.Char(readonly=True)

    _sql_constraints = [
        ('event_unique', 'UNIQUE (event, res_model, res_id, user_id, event_date)',
         'This alert was already sent.'),
    ]

    @api.model_cr
    def init(self):
        # The candidates of each alert come from these (small, partial) indexes, not from a loop over contracts.
        for name, table, column, where in [
                ('sale_contract_alert_end_idx', 'sale_contract', 'date_end', "state IN ('signed', 'executing')"),
                ('sale_contract_alert_acceptance_idx', 'sale_contract', 'acceptance_due_date',
                 "state IN ('signed', 'executing')"),
                ('sale_contract_alert_approval_idx', 'sale_contract', 'approval_requested_date',
                 "state = 'waiting_approval'"),
                ('sale_payment_plan_alert_due_idx', 'sale_payment_plan', 'due_date', "payment_state != 'paid'")]:
            self.env.cr.execute('CREATE INDEX IF NOT EXISTS %s ON %s (company_id, %s) WHERE %s'
                                % (name, table, column, where))

    # ------------------------------------------------------------------ scheduled action

    @api.model
    def _cron_create_alerts(self):
        """Daily: the activities of every alert due today, per company with its own settings."""
        today = fields.Date.from_string(fields.Date.context_today(self))
        for company in self.env['res.company'].sudo().search([]):
            for event, _label in ALERT_EVENTS:
                candidates = getattr(self, '_candidates_' + event)(company, today)
                self._send_alerts(event, company, candidates)
        self._close_settled_alerts()
        return True

    def _fetch(self, query, params):
        self.env.cr.execute(query, params)
        return self.env.cr.dictfetchall()

    def _candidates_contract_end(self, company, today):
        return self._contract_date_candidates('contract_end', 'date_end', company.contract_alert_end_days,
                                              company, today)

    def _candidates_acceptance_due(self, company, today):
        return self._contract_date_candidates('acceptance_due', 'acceptance_due_date',
                                              company.acceptance_alert_days, company, today)

    def _contract_date_candidates(self, event, column, days, company, today):
        """Signed contracts whose ``column`` falls within ``days`` from today: their owner."""
        if days <= 0:
            return []
        # column is one of two names fixed above, never user input
        return self._fetch("""
            SELECT * FROM (
                SELECT c.id AS res_id, c.user_id, c.%s AS event_date, c.id AS contract_id,
                       NULL::integer AS sale_order_id
                  FROM sale_contract c
                 WHERE c.company_id = %%(company)s AND c.state IN ('signed', 'executing')
                   AND c.%s BETWEEN %%(today)s AND %%(until)s AND c.user_id IS NOT NULL) cand
             WHERE %s
             ORDER BY res_id""" % (column, column, NOT_ALERTED), {
            'company': company.id, 'today': today, 'until': today + timedelta(days=days),
            'event': event, 'res_model': 'sale.contract'})

    def _plan_candidates(self, event, company, date_condition, recipients, params):
        """Instalments not paid yet, of live contracts and orders, meeting ``date_condition``: each
        recipient (SQL on p, the instalment, and t, its team) of each."""
        params = dict(params, company=company.id, event=event, res_model='sale.payment.plan',
                      collector=company.collection_user_id.id or None)
        return self._fetch("""
            SELECT DISTINCT * FROM (
                SELECT p.id AS res_id, recipient.user_id, p.due_date AS event_date, p.contract_id,
                       CASE WHEN p.contract_id IS NULL THEN p.sale_order_id END AS sale_order_id
                  FROM sale_payment_plan p
                  LEFT JOIN sale_contract c ON c.id = p.contract_id
                  LEFT JOIN sale_order o ON o.id = p.sale_order_id
                  LEFT JOIN crm_team t ON t.id = p.team_id
                 CROSS JOIN LATERAL (VALUES %s) recipient (user_id)
                 WHERE p.company_id = %%(company)s AND p.payment_state != 'paid' AND %s AND %s
                   AND recipient.user_id IS NOT NULL) cand
             WHERE %s
             ORDER BY res_id, user_id""" % (recipients, date_condition, LIVE_PLAN_DOCUMENT, NOT_ALERTED), params)

    def _candidates_instalment_due(self, company, today):
        days = company.instalment_alert_due_days
        if days <= 0:
            return []
        return self._plan_candidates('instalment_due', company, 'p.due_date BETWEEN %(today)s AND %(until)s',
                                     '(p.user_id), (%(collector)s)',
                                     {'today': today, 'until': today + timedelta(days=days)})

    def _candidates_instalment_overdue(self, company, today):
        return self._plan_candidates('instalment_overdue', company, 'p.due_date < %(today)s',
                                     '(p.user_id), (%(collector)s)', {'today': today})

    def _candidates_instalment_escalation(self, company, today):
        days = company.overdue_escalation_days
        if days <= 0:
            return []
        return self._plan_candidates('instalment_escalation', company, 'p.due_date < %(before)s',
                                     '(t.user_id)', {'before': today - timedelta(days=days)})

    def _candidates_approval_waiting(self, company, today):
        """Contracts waiting for approval for more than N days: each pending reviewer (not the owner)."""
        days = company.approval_alert_days
        if days <= 0:
            return []
        limit = datetime.combine(today - timedelta(days=days), datetime.min.time())
        self.env.cr.execute("""
            SELECT id FROM sale_contract
             WHERE company_id = %s AND state = 'waiting_approval' AND approval_requested_date < %s
             ORDER BY id""", [company.id, fields.Datetime.to_string(limit)])
        contracts = self.env['sale.contract'].sudo().browse([row[0] for row in self.env.cr.fetchall()])
        candidates = []
        for contract in contracts:
            requested = fields.Date.to_string(fields.Datetime.from_string(contract.approval_requested_date))
            reviewers = contract.review_ids.filtered(lambda r: r.status == 'pending').mapped('reviewer_ids')
            for user in reviewers - contract.user_id:
                candidates.append({'res_id': contract.id, 'user_id': user.id, 'event_date': requested,
                                   'contract_id': contract.id, 'sale_order_id': None})
        return candidates

    def _send_alerts(self, event, company, candidates):
        """Log and announce the candidates, in batches committed one by one."""
        res_model = 'sale.payment.plan' if event in INSTALMENT_EVENTS else 'sale.contract'
        for start in range(0, len(candidates), BATCH_SIZE):
            for candidate in candidates[start:start + BATCH_SIZE]:
                try:
                    with self.env.cr.savepoint():
                        self._send_alert(event, res_model, company, candidate)
                except TransactionRollbackError:
                    # A run at the same instant inserted this alert and committed after this transaction
                    # began: PostgreSQL refuses the insert (repeatable read) instead of ignoring it. It is
                    # alerted, by the other run.
                    _logger.info('Contract alert %s of %s %s for user %s made by a concurrent run', event,
                                 res_model, candidate['res_id'], candidate['user_id'])
                except (AccessError, UserError, ValidationError) as error:
                    # one alert that cannot be made (an archived user...) does not stop the others
                    _logger.warning('Contract alert %s of %s %s for user %s not created: %s', event, res_model,
                                    candidate['res_id'], candidate['user_id'], error)
            commit_batch(self.env)

    def _send_alert(self, event, res_model, company, candidate):
        """Insert the log row (nothing if it exists: the event was alerted already), then the activity."""
        values = dict(candidate, event=event, res_model=res_model, company=company.id, uid=self.env.uid)
        # A conflict with a concurrent run's committed row raises (see _send_alerts): not an error to log.
        self.env.cr.execute("""
            INSERT INTO sale_contract_alert (event, res_model, res_id, user_id, event_date, contract_id,
                                             sale_order_id, company_id, create_uid, write_uid, create_date,
                                             write_date)
            VALUES (%(event)s, %(res_model)s, %(res_id)s, %(user_id)s, %(event_date)s, %(contract_id)s,
                    %(sale_order_id)s, %(company)s, %(uid)s, %(uid)s, now() AT TIME ZONE 'UTC',
                    now() AT TIME ZONE 'UTC')
            ON CONFLICT DO NOTHING
            RETURNING id""", values, log_exceptions=False)
        row = self.env.cr.fetchone()
        if not row:
            return False
        alert = self.sudo().browse(row[0])
        user = alert.user_id
        subject = self.env[res_model].sudo().browse(candidate['res_id'])
        document = alert.contract_id or alert.sale_order_id
        summary = alert.with_context(lang=user.lang)._alert_summary(subject)
        activity = self.env['mail.activity'].sudo().create({
            'res_model_id': self.env['ir.model']._get(document._name).id,
            'res_id': document.id,
            'activity_type_id': self.env.ref(ACTIVITY_TYPES[event]).id,
            'user_id': user.id,
            'summary': summary,
            'date_deadline': max(alert.event_date, fields.Date.context_today(self)),
        })
        alert.write({'activity_id': activity.id, 'summary': summary})
        # the event moved (a new due date): the open activity of its old date is no longer true
        self.sudo().search([('event', '=', event), ('res_model', '=', res_model), ('res_id', '=', alert.res_id),
                            ('user_id', '=', user.id), ('id', '!=', alert.id),
                            ('activity_id', '!=', False)]).mapped('activity_id').unlink()
        return alert

    def _alert_summary(self, subject):
        """The activity's summary, in the alerted user's language (the context of ``self``)."""
        values = {'date': self.event_date, 'name': subject.display_name}
        if self.res_model == 'sale.payment.plan':
            values.update(document=(subject.contract_id or subject.sale_order_id).name, name=subject.name,
                          amount='{:,.2f} {}'.format(subject.amount_residual, subject.currency_id.name or ''))
        if self.event == 'contract_end':
            return _('Contract %(name)s ends on %(date)s: renew it or close it.') % values
        if self.event == 'acceptance_due':
            return _('Acceptance of contract %(name)s is due on %(date)s.') % values
        if self.event == 'instalment_due':
            return _('Instalment %(name)s of %(document)s (%(amount)s) falls due on %(date)s.') % values
        if self.event == 'instalment_overdue':
            return _('Instalment %(name)s of %(document)s is overdue since %(date)s: %(amount)s outstanding.') \
                % values
        if self.event == 'instalment_escalation':
            return _('Instalment %(name)s of %(document)s is long overdue (due %(date)s): %(amount)s '
                     'outstanding.') % values
        return _('Contract %(name)s has been waiting for your approval since %(date)s.') % values

    def _close_settled_alerts(self):
        """Open activities of alerts whose cause is gone (instalment paid, approval decided) are removed."""
        self.env.cr.execute("""
            SELECT a.activity_id FROM sale_contract_alert a
              JOIN mail_activity act ON act.id = a.activity_id
              LEFT JOIN sale_payment_plan p ON a.res_model = 'sale.payment.plan' AND p.id = a.res_id
              LEFT JOIN sale_contract c ON a.res_model = 'sale.contract' AND c.id = a.res_id
             WHERE (a.event IN %s AND (p.id IS NULL OR p.payment_state = 'paid'))
                OR (a.event = 'approval_waiting' AND (c.id IS NULL OR c.state != 'waiting_approval'))""",
                            [INSTALMENT_EVENTS])
        activity_ids = [row[0] for row in self.env.cr.fetchall()]
        self.env['mail.activity'].sudo().browse(activity_ids).unlink()
        commit_batch(self.env)
