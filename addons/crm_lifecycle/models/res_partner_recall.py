import logging

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .cron_batch import commit_batch

# Owned customers looked at per batch (and commit). The due ones of a batch are recalled in a few
# statements: a large batch costs no more per customer, a small one adds round trips and commits.
BATCH_SIZE = 10000

_logger = logging.getLogger(__name__)

# The dates the recall counts from. They change with follow-ups and owner changes only, so that a
# salesperson cannot keep a customer by writing them (form, import, RPC).
RECALL_CLOCK_FIELDS = {'owner_since_date', 'last_follow_up_date'}


class ResPartner(models.Model):
    """The recall cron: customers return to the public pool when their category's strategy says so.

    A customer company with an owner and a category is recalled when it had no follow-up for
    ``recall_days_without_follow_up`` days, or no won opportunity for ``recall_days_without_won`` days
    (0 = rule off). Both count at the earliest from ``owner_since_date``, when the current owner got it:
    a customer just claimed or transferred gets the full time. The owner is warned once,
    ``recall_warning_days`` (company setting) before.
    """
    _inherit = 'res.partner'

    owner_since_date = fields.Datetime(
        'Owner Since', index=True, copy=False, readonly=True,
        help='When the current owner got this customer. The recall rules count from here at the earliest.')

    @api.model_cr
    def init(self):
        super(ResPartner, self).init()
        # The recall cron walks the owned customer companies with a category, in id order.
        self.env.cr.execute("""
            CREATE INDEX IF NOT EXISTS res_partner_recall_candidate_idx ON res_partner (id)
             WHERE user_id IS NOT NULL AND customer_category_id IS NOT NULL AND is_company AND customer""")

    # ------------------------------------------------------------------
    # owner_since_date: set on every change of owner
    # ------------------------------------------------------------------
    @api.model
    def create(self, vals):
        self._check_recall_clock_vals(vals)
        if vals.get('user_id', self.env.context.get('default_user_id')):
            vals = dict(vals)
            vals.setdefault('owner_since_date', fields.Datetime.now())
        return super(ResPartner, self).create(vals)

    @api.multi
    def write(self, vals):
        self._check_recall_clock_vals(vals)
        return super(ResPartner, self).write(vals)

    def _check_recall_clock_vals(self, vals):
        if RECALL_CLOCK_FIELDS & set(vals) and not self._is_ownership_manager():
            raise UserError(_('The last follow-up date and the owner-since date decide when a customer returns to '
                              'the public pool: they change only with follow-ups and changes of owner.'))

    def _pool_entry_column_values(self, now):
        values = super(ResPartner, self)._pool_entry_column_values(now)
        values['owner_since_date'] = None
        return values

    def _log_ownership_change(self, from_user, to_user, action, reason=False, by_user=None):
        # Every change of owner (claim, assign, transfer, release, recall, a manager's direct change)
        # is logged here: the one place that sees them all.
        result = super(ResPartner, self)._log_ownership_change(from_user, to_user, action, reason, by_user=by_user)
        self.sudo().write({'owner_since_date': fields.Datetime.now() if to_user else False})
        return result

    # ------------------------------------------------------------------
    # The cron
    # ------------------------------------------------------------------
    @api.model
    def _cron_recall_customers_to_pool(self):
        """Recall the customers past their category's limits and warn the owners of those close to them.

        The owned customer companies are walked in id order, ``BATCH_SIZE`` at a time (one indexed
        query each, so the whole run reads each customer once); each batch is committed outside tests.
        A run killed half-way leaves whole batches done; the next run finds the rest (recalled customers
        have no owner any more, warnings are logged once in crm.reminder.log). The due customers of a
        batch are recalled together, in a few statements (``_recall_to_pool``); should that fail, one by
        one, so that one customer's failure stops neither the others nor the next runs.
        """
        now = fields.Datetime.from_string(fields.Datetime.now())
        after_id = 0
        while True:
            rows, after_id = self._recall_candidates(now, after_id, BATCH_SIZE)
            if not after_id:
                break
            due = [row for row in rows if row[1] or row[2]]
            try:
                with self.env.cr.savepoint():
                    self._recall_due(due)
            except Exception:
                _logger.exception('Recall cron: recalling the batch up to customer %s failed, now one by one',
                                  after_id)
                self.env.clear()
                for row in due:
                    self._recall_or_warn_safely(now, row)
            for row in rows:
                if not (row[1] or row[2]):
                    self._recall_or_warn_safely(now, row)
            commit_batch(self.env)
        return True

    def _recall_or_warn_safely(self, now, row):
        try:
            with self.env.cr.savepoint():
                self._recall_or_warn(now, *row)
        except Exception:
            _logger.exception('Recall cron: customer %s skipped', row[0])
            self.env.clear()

    def _recall_candidates(self, now, after_id, limit):
        """Of the next ``limit`` owned customer companies with a category after ``after_id``, those whose
        recall is due or within the warning days, and the last id looked at (None at the end):
        ([(id, follow-up rule due, won rule due, follow-up due date, won due date, category id,
        owner's language)], last id).

        Due date = the later of the reference date (last follow-up, last won deal) and ``owner_since_date``
        (``create_date`` when unknown), plus the category's days; ``None`` when the category's rule is off.
        """
        # The batch comes from the partial index in id order; only its customers are looked at further.
        self.env.cr.execute("""
            WITH batch AS MATERIALIZED (
                SELECT id FROM res_partner
                 WHERE user_id IS NOT NULL AND customer_category_id IS NOT NULL AND is_company AND customer
                   AND id > %(after_id)s
                 ORDER BY id
                 LIMIT %(limit)s
            ), candidate AS (
                SELECT customer.id, customer.customer_category_id, customer.user_id, company.recall_warning_days,
                       CASE WHEN category.recall_days_without_follow_up > 0 THEN
                            GREATEST(customer.last_follow_up_date,
                                     COALESCE(customer.owner_since_date, customer.create_date))
                            + category.recall_days_without_follow_up * INTERVAL '1 day'
                       END AS follow_up_due,
                       CASE WHEN category.recall_days_without_won > 0 THEN
                            GREATEST(won.last_won_date, COALESCE(customer.owner_since_date, customer.create_date))
                            + category.recall_days_without_won * INTERVAL '1 day'
                       END AS won_due
                  FROM batch
                  JOIN res_partner customer ON customer.id = batch.id
                  JOIN crm_customer_category category ON category.id = customer.customer_category_id
                  JOIN res_company company ON company.id = COALESCE(customer.company_id, category.company_id)
                  LEFT JOIN LATERAL (
                        SELECT MAX(lead.date_closed) AS last_won_date
                          FROM crm_lead lead
                          JOIN res_partner lead_partner ON lead_partner.id = lead.partner_id
                         WHERE lead_partner.commercial_partner_id = customer.id
                           AND lead.probability = 100
                           AND category.recall_days_without_won > 0) won ON TRUE
                 WHERE customer.active
            )
            SELECT last.id, candidate.id, candidate.follow_up_due <= %(now)s, candidate.won_due <= %(now)s,
                   candidate.follow_up_due, candidate.won_due, candidate.customer_category_id, owner.lang
              FROM (SELECT MAX(id) AS id FROM batch) last
              LEFT JOIN candidate
                ON LEAST(candidate.follow_up_due, candidate.won_due)
                   <= %(now)s + candidate.recall_warning_days * INTERVAL '1 day'
              LEFT JOIN res_users owner_user ON owner_user.id = candidate.user_id
              LEFT JOIN res_partner owner ON owner.id = owner_user.partner_id
             ORDER BY candidate.id""", {'now': now, 'after_id': after_id, 'limit': limit})
        rows = self.env.cr.fetchall()
        # one row with the batch's last id only when none of its customers is due or close to it
        return [row[1:] for row in rows if row[1]], rows[0][0]

    def _recall_due(self, rows):
        """Recall the due customers of a batch, each with the reason in its owner's language."""
        if not rows:
            return
        reasons, texts = {}, {}
        for customer_id, follow_up_is_due, won_is_due, __, __, category_id, lang in rows:
            key = (category_id, bool(follow_up_is_due), bool(won_is_due), lang)
            if key not in texts:
                # in the owner's language: he is the one who reads it
                in_lang = self.with_context(lang=lang)
                category = self.env['crm.customer.category'].with_context(lang=lang).browse(category_id)
                rules = [rule for rule, is_due in (('follow_up', follow_up_is_due), ('won', won_is_due)) if is_due]
                texts[key] = in_lang._recall_reason(in_lang._recall_rules_text(category, rules))
            reasons[customer_id] = texts[key]
        recalled = self.sudo().browse(list(reasons))._recall_to_pool(reasons)
        recalled._remove_reminders_of_former_owner()

    def _recall_or_warn(self, now, customer_id, follow_up_is_due, won_is_due, follow_up_due, won_due, *__):
        # Odoo's cursor returns timestamps as strings
        follow_up_due, won_due = fields.Datetime.from_string(follow_up_due), fields.Datetime.from_string(won_due)
        customer = self.sudo().browse(customer_id)
        owner = customer.user_id
        category = customer.customer_category_id
        due_rules = [(due, rule, days) for due, rule, days in (
            (follow_up_due, 'follow_up', category.recall_days_without_follow_up),
            (won_due, 'won', category.recall_days_without_won),
        ) if due]
        recall_due = min(due for due, rule, days in due_rules)
        # Texts in the owner's language: he is the one who reads them.
        until = now if recall_due <= now else recall_due
        texts = customer.with_context(lang=owner.lang)._recall_texts(due_rules, until)
        if recall_due <= now:
            customer._recall_to_pool(texts['reason'])
            customer._remove_reminders_of_former_owner()
        else:
            self.env['crm.reminder.log']._remind_once(
                'recall_warning', 'recall_warning:%d' % customer.id, fields.Date.to_string(recall_due.date()),
                customer, owner, texts['summary'], texts['note'])

    def _recall_rules_text(self, category, rules):
        """The ``rules`` ('follow_up', 'won') of ``category`` that are due, in the context's language."""
        messages = {
            'follow_up': _('no follow-up for %(days)s days (category %(category)s)'),
            'won': _('no won deal for %(days)s days (category %(category)s)'),
        }
        days = {'follow_up': category.recall_days_without_follow_up, 'won': category.recall_days_without_won}
        return '; '.join(messages[rule] % {'days': days[rule], 'category': category.name} for rule in rules)

    def _recall_reason(self, rules_text):
        return _('Recalled by the category strategy: %s.') % rules_text

    def _recall_texts(self, due_rules, until):
        """The reason of the recall (rules due by ``until``) and the warning activity, in the context's language."""
        reason = self._recall_rules_text(self.customer_category_id,
                                         [rule for due, rule, days in due_rules if due <= until])
        date = fields.Date.to_string(until.date())
        return {
            'reason': self._recall_reason(reason),
            'summary': _('Returns to the public pool on %s') % date,
            'note': _('%(customer)s will be recalled to the public pool on %(date)s: %(reason)s. '
                      'Log a follow-up or win a deal to keep it.') % {
                          'customer': self.display_name, 'date': date, 'reason': reason},
        }

    def _remove_reminders_of_former_owner(self):
        """The open reminders (birthdays, follow-up due, recall warning) of a recalled customer's former owner."""
        logs = self.env['crm.reminder.log'].sudo().search(
            [('partner_id', 'in', self.ids), ('activity_id', '!=', False)])
        logs.mapped('activity_id').unlink()
