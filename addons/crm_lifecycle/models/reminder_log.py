import logging
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.tools import html_escape

from .cron_batch import BATCH_SIZE, commit_batch

_logger = logging.getLogger(__name__)

REMINDER_TYPES = [
    ('contact_birthday', 'Contact Birthday'),
    ('relative_birthday', 'Relative Birthday'),
    ('follow_up_due', 'Follow-up Due'),
    ('recall_warning', 'Recall Warning'),
    ('care_preset', 'Customer Care'),
]


class ReminderLog(models.Model):
    """One line per event a user was reminded of, so that no event is reminded twice.

    An event is a key (``contact_birthday:42``, ``relative_birthday:7``, ``follow_up_due:15``,
    ``recall_warning:15``, ``care_preset:3``) and the date it happens: a birthday once a year, a planned follow-up
    once per planned date, a recall once per recall date, a care preset's occasion once a year. The unique
    constraint on both makes the reminder cron safe to re-run, or to run twice at once.
    """
    _name = 'crm.reminder.log'
    _description = 'Reminder Log'
    _order = 'id desc'
    _rec_name = 'event_key'

    event_key = fields.Char('Event', required=True, readonly=True)
    event_date = fields.Date('Event Date', required=True, readonly=True)
    reminder_type = fields.Selection(REMINDER_TYPES, 'Reminder Type', required=True, readonly=True)
    partner_id = fields.Many2one('res.partner', 'Customer', index=True, readonly=True, ondelete='cascade',
                                 help='The record the reminder activity is on: the customer, or the person.')
    user_id = fields.Many2one('res.users', 'Reminded User', readonly=True, ondelete='set null')
    activity_id = fields.Many2one('mail.activity', 'Activity', readonly=True, ondelete='set null',
                                  help='Empty once the activity is done or deleted.')
    company_id = fields.Many2one('res.company', 'Company', required=True, index=True, readonly=True,
                                 default=lambda self: self.env.user.company_id)

    _sql_constraints = [
        ('event_uniq', 'unique(event_key, event_date)', 'This event has already been reminded.'),
    ]

    @api.model
    def _remind_once(self, reminder_type, event_key, event_date, record, user, summary, note):
        """Give ``user`` a to-do activity on ``record`` (a res.partner) due on ``event_date``, unless this
        event was reminded already. Returns the activity, or an empty recordset."""
        company = record.company_id or user.company_id
        self.env.cr.execute("""
            INSERT INTO crm_reminder_log (event_key, event_date, reminder_type, partner_id, user_id, company_id,
                                          create_uid, create_date, write_uid, write_date)
            VALUES (%s, %s, %s, %s, %s, %s, %s, now() AT TIME ZONE 'UTC', %s, now() AT TIME ZONE 'UTC')
            ON CONFLICT (event_key, event_date) DO NOTHING
            RETURNING id""", (event_key, event_date, reminder_type, record.id, user.id, company.id,
                              self.env.uid, self.env.uid))
        row = self.env.cr.fetchone()
        if not row:
            return self.env['mail.activity']
        activity = self.env['mail.activity'].sudo().create({
            'res_model_id': self.env['ir.model']._get(record._name).id,
            'res_id': record.id,
            'activity_type_id': self.env.ref('mail.mail_activity_data_todo').id,
            'user_id': user.id,
            'date_deadline': event_date,
            'summary': summary,
            'note': note,
        })
        self.sudo().browse(row[0]).write({'activity_id': activity.id})
        return activity

    # ------------------------------------------------------------------
    # The reminder cron: birthdays and follow-ups due
    # ------------------------------------------------------------------
    @api.model
    def _cron_send_reminders(self, today=None):
        """Remind the owners of their customers' contacts' birthdays, their relatives' birthdays and the
        follow-ups due, each company's ``reminder_lead_days`` ahead, once per event; and of their contacts'
        care presets, each preset's ``lead_days`` ahead, once per preset and year.

        ``today`` (a date string) is for tests; the cron runs for the current day.
        """
        today = fields.Date.from_string(today or fields.Date.context_today(self))
        occurrences = self._birthday_occurrences(today)
        self._remind_in_batches(self._contact_birthdays_due(today, occurrences), '_remind_contact_birthday')
        self._remind_in_batches(self._relative_birthdays_due(today, occurrences), '_remind_relative_birthday')
        self._remind_in_batches(self._follow_ups_due(today), '_remind_follow_up_due')
        self._remind_in_batches(self._care_presets_due(today), '_remind_care_preset')
        return True

    def _birthday_occurrences(self, today, lead_days=None):
        """{MMDD: date} for the birthdays celebrated from today to ``lead_days`` ahead (default: the longest
        lead time of the companies).

        One born on 29 February celebrates on 28 February in the years without 29 February.
        """
        if lead_days is None:
            self.env.cr.execute('SELECT COALESCE(MAX(reminder_lead_days), 0) FROM res_company')
            lead_days = self.env.cr.fetchone()[0]
        occurrences = {}
        for offset in range(lead_days + 1):
            day = today + timedelta(days=offset)
            occurrences[day.month * 100 + day.day] = day
            if day.month == 2 and day.day == 28 and (day + timedelta(days=1)).month == 3:
                occurrences[229] = day
        return occurrences

    def _contact_birthdays_due(self, today, occurrences):
        """(contact, customer or the person himself, owner, birthday date) not reminded yet."""
        self.env.cr.execute("""
            SELECT contact.id, customer.id, customer.user_id, occurrence.event_date
              FROM unnest(%(month_days)s::int[], %(dates)s::date[]) AS occurrence(month_day, event_date)
              JOIN res_partner contact ON contact.birthday_month_day = occurrence.month_day
              JOIN res_partner customer ON customer.id = contact.commercial_partner_id
              JOIN res_users owner ON owner.id = customer.user_id
              JOIN res_company company ON company.id = COALESCE(customer.company_id, owner.company_id)
             WHERE contact.active AND contact.is_company IS NOT TRUE AND customer.active AND owner.active
               AND occurrence.event_date <= %(today)s::date + company.reminder_lead_days
               AND NOT EXISTS (SELECT 1 FROM crm_reminder_log log
                                WHERE log.event_key = 'contact_birthday:' || contact.id
                                  AND log.event_date = occurrence.event_date)
             ORDER BY contact.id""", self._occurrence_params(today, occurrences))
        return self.env.cr.fetchall()

    def _relative_birthdays_due(self, today, occurrences):
        """(relative, customer or the contact himself, owner, birthday date) not reminded yet."""
        self.env.cr.execute("""
            SELECT relative.id, customer.id, customer.user_id, occurrence.event_date
              FROM unnest(%(month_days)s::int[], %(dates)s::date[]) AS occurrence(month_day, event_date)
              JOIN crm_contact_relative relative ON relative.birthday_month_day = occurrence.month_day
              JOIN res_partner contact ON contact.id = relative.contact_id
              JOIN res_partner customer ON customer.id = contact.commercial_partner_id
              JOIN res_users owner ON owner.id = customer.user_id
              JOIN res_company company ON company.id = relative.company_id
             WHERE contact.active AND customer.active AND owner.active
               AND occurrence.event_date <= %(today)s::date + company.reminder_lead_days
               AND NOT EXISTS (SELECT 1 FROM crm_reminder_log log
                                WHERE log.event_key = 'relative_birthday:' || relative.id
                                  AND log.event_date = occurrence.event_date)
             ORDER BY relative.id""", self._occurrence_params(today, occurrences))
        return self.env.cr.fetchall()

    def _occurrence_params(self, today, occurrences):
        month_days = sorted(occurrences)
        return {
            'today': today,
            'month_days': month_days,
            'dates': [occurrences[month_day] for month_day in month_days],
        }

    def _follow_ups_due(self, today):
        """(customer, customer, owner, planned date) of the next follow-ups due soon or overdue, not reminded yet."""
        self.env.cr.execute('SELECT COALESCE(MAX(reminder_lead_days), 0) FROM res_company')
        latest = today + timedelta(days=self.env.cr.fetchone()[0])
        self.env.cr.execute("""
            SELECT customer.id, customer.id, customer.user_id, customer.next_follow_up_date
              FROM res_partner customer
              JOIN res_users owner ON owner.id = customer.user_id
              JOIN res_company company ON company.id = COALESCE(customer.company_id, owner.company_id)
             WHERE customer.next_follow_up_date <= %(latest)s
               AND customer.next_follow_up_date <= %(today)s::date + company.reminder_lead_days
               AND customer.active AND owner.active
               AND NOT EXISTS (SELECT 1 FROM crm_reminder_log log
                                WHERE log.event_key = 'follow_up_due:' || customer.id
                                  AND log.event_date = customer.next_follow_up_date)
             ORDER BY customer.id""", {'today': today, 'latest': latest})
        return self.env.cr.fetchall()

    def _care_presets_due(self, today):
        """(care preset, customer or the person himself, owner, occasion date) of the active care presets whose
        occasion is within their lead time, not reminded yet in the occasion's year.

        Birthdays and cooperation anniversaries (month and day), fixed-date festivals (month and day) and lunar
        festivals (their date table) in one query.
        """
        self.env.cr.execute('SELECT COALESCE(MAX(lead_days), 0) FROM crm_care_preset WHERE active')
        lead_days = self.env.cr.fetchone()[0]
        params = self._occurrence_params(today, self._birthday_occurrences(today, lead_days))
        params['latest'] = today + timedelta(days=lead_days)
        self.env.cr.execute("""
            WITH occurrence AS (
                SELECT * FROM unnest(%(month_days)s::int[], %(dates)s::date[]) AS occurrence(month_day, event_date))
            SELECT preset.id, customer.id, customer.user_id, due.event_date
              FROM crm_care_preset preset
              JOIN res_partner contact ON contact.id = preset.contact_id
              JOIN res_partner customer ON customer.id = contact.commercial_partner_id
              JOIN res_users owner ON owner.id = customer.user_id
              LEFT JOIN crm_care_festival festival ON festival.id = preset.festival_id AND festival.active
              JOIN LATERAL (
                    SELECT occurrence.event_date FROM occurrence
                     WHERE preset.occasion = 'birthday' AND occurrence.month_day = contact.birthday_month_day
                    UNION ALL
                    SELECT occurrence.event_date FROM occurrence
                     WHERE preset.occasion = 'anniversary' AND occurrence.month_day = customer.cooperation_month_day
                       AND occurrence.event_date > customer.cooperation_start_date
                    UNION ALL
                    SELECT occurrence.event_date FROM occurrence
                     WHERE preset.occasion = 'festival' AND festival.calendar = 'solar'
                       AND occurrence.month_day = festival.month_day
                    UNION ALL
                    SELECT festival_date.date FROM crm_care_festival_date festival_date
                     WHERE preset.occasion = 'festival' AND festival.calendar = 'lunar'
                       AND festival_date.festival_id = festival.id
                       AND festival_date.date BETWEEN %(today)s AND %(latest)s) due ON TRUE
             WHERE preset.active AND contact.active AND customer.active AND owner.active
               AND due.event_date <= %(today)s::date + preset.lead_days
               AND NOT EXISTS (SELECT 1 FROM crm_reminder_log log
                                WHERE log.event_key = 'care_preset:' || preset.id
                                  AND date_trunc('year', log.event_date) = date_trunc('year', due.event_date))
             ORDER BY preset.id, due.event_date""", params)
        return self.env.cr.fetchall()

    def _remind_in_batches(self, rows, remind_method):
        """Call ``remind_method(subject_id, record, user, date string)`` per row, ``BATCH_SIZE`` rows per commit.

        Rows are (subject id, res.partner id the activity goes on, user id, event date string).
        """
        for start in range(0, len(rows), BATCH_SIZE):
            for subject_id, record_id, user_id, event_date in rows[start:start + BATCH_SIZE]:
                record = self.env['res.partner'].sudo().browse(record_id)
                user = self.env['res.users'].sudo().browse(user_id)
                # One event's failure must not stop the others, today nor on the next runs.
                try:
                    with self.env.cr.savepoint():
                        # Texts in the reminded user's language.
                        remind = getattr(self.with_context(lang=user.lang), remind_method)
                        remind(subject_id, record, user, event_date)
                except Exception:
                    _logger.exception('Reminder cron: %s of %s skipped', remind_method, subject_id)
                    self.env.clear()
            commit_batch(self.env)

    def _remind_contact_birthday(self, contact_id, record, user, date):
        contact = self.env['res.partner'].sudo().browse(contact_id)
        values = {'contact': contact.name, 'customer': record.display_name, 'date': date}
        if record == contact:
            # a relations resource without company: the activity is on him
            note = _('%(contact)s has a birthday on %(date)s.') % values
        else:
            note = _('%(contact)s (%(customer)s) has a birthday on %(date)s.') % values
        self._remind_once('contact_birthday', 'contact_birthday:%d' % contact.id, date, record, user,
                          _('Birthday of %s') % contact.name, note)

    def _remind_relative_birthday(self, relative_id, record, user, date):
        relative = self.env['crm.contact.relative'].sudo().browse(relative_id)
        relations = dict(relative._fields['relation']._description_selection(self.env))
        values = {
            'relative': relative.name,
            'relation': relations.get(relative.relation, ''),
            'contact': relative.contact_id.name,
            'customer': record.display_name,
            'date': date,
        }
        if record == relative.contact_id:
            note = _('%(relative)s, %(relation)s of %(contact)s, has a birthday on %(date)s.') % values
        else:
            note = _('%(relative)s, %(relation)s of %(contact)s (%(customer)s), has a birthday on %(date)s.') % values
        self._remind_once('relative_birthday', 'relative_birthday:%d' % relative.id, date, record, user,
                          _('Birthday of %(relative)s (%(relation)s of %(contact)s)') % values, note)

    def _remind_follow_up_due(self, customer_id, record, user, date):
        self._remind_once(
            'follow_up_due', 'follow_up_due:%d' % customer_id, date, record, user,
            _('Follow up %s') % record.display_name,
            _('The next follow-up of %(customer)s is planned for %(date)s.') % {
                'customer': record.display_name, 'date': date})

    def _remind_care_preset(self, preset_id, record, user, date):
        preset = self.env['crm.care.preset'].sudo().browse(preset_id)
        actions = dict(preset._fields['care_action']._description_selection(self.env))
        occasion = preset._occasion_label()
        if preset.occasion == 'anniversary':
            start = fields.Date.from_string(preset.customer_id.cooperation_start_date)
            occasion = _('%(years)s years of cooperation') % {
                'years': fields.Date.from_string(date).year - start.year}
        values = {
            'action': actions.get(preset.care_action),
            'contact': preset.contact_id.name,
            'person': preset.contact_id.display_name,
            'occasion': occasion,
            'date': date,
        }
        note = html_escape(_('%(occasion)s of %(person)s is on %(date)s: %(action)s.') % values)
        if preset.note:
            note = '%s<br/>%s' % (note, html_escape(preset.note))
        self._remind_once('care_preset', 'care_preset:%d' % preset.id, date, record, user,
                          _('%(action)s for %(contact)s: %(occasion)s') % values, note)

    def _care_preset(self):
        """The care preset a ``care_preset`` reminder is about (empty once deleted)."""
        self.ensure_one()
        if self.reminder_type != 'care_preset':
            return self.env['crm.care.preset']
        preset_id = int(self.event_key.split(':')[1])
        return self.env['crm.care.preset'].sudo().with_context(active_test=False).browse(preset_id).exists()

    def _log_care_done(self, feedback=False):
        """The reminder's activity is done: log the care action of its preset, in the name of the reminded user."""
        for reminder in self:
            preset = reminder._care_preset()
            if not preset:
                continue
            self.env['crm.care.log'].sudo().create({
                'contact_id': preset.contact_id.id,
                'care_action': preset.care_action,
                'occasion': preset.occasion,
                'festival_id': preset.festival_id.id,
                'preset_id': preset.id,
                'user_id': (reminder.activity_id.user_id or reminder.user_id or self.env.user).id,
                'note': feedback or preset.note,
            })
