import logging
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import html_escape

from odoo.addons.crm_lifecycle.models.cron_batch import BATCH_SIZE, commit_batch

_logger = logging.getLogger(__name__)

REQUEST_TYPES = [
    ('assistance', 'Assistance Request'),
    ('urging', 'Urging'),
]
# What the request asks: changed by its requester (or a sales manager) while it is open.
REQUEST_TERMS = {'request_type', 'lead_id', 'requester_id', 'assignee_id', 'subject', 'description', 'due_date'}
# Which flag marks which reminder as sent: ``due`` the day before (or on) the due date, ``overdue`` after it.
REMINDER_FLAGS = {'due': 'due_reminder_sent', 'overdue': 'overdue_reminder_sent'}


class CrmLeadRequest(models.Model):
    """A request from sales to a colleague of another department (finance, engineering, logistics …):
    an assistance request (协助申请) or an urging (催办), with a due date. The colleague gets an
    activity and an e-mail, a reminder the day before the due date and one when it is overdue, and
    answers it (done or refused) with a response that goes back to the requester."""
    _name = 'crm.lead.request'
    _inherit = ['mail.thread', 'mail.activity.mixin', 'crm.state.machine.mixin']
    _description = 'Cross-department Request'
    _order = 'id desc'
    _rec_name = 'subject'

    # Legal state changes {from: {to: group required, or None}}, enforced by crm.state.machine.mixin;
    # who may answer or cancel is checked in _check_state_requirements.
    _STATE_TRANSITIONS = {
        'open': {'done': None, 'refused': None, 'cancelled': None},
        'done': {},
        'refused': {},
        'cancelled': {},
    }

    request_type = fields.Selection(REQUEST_TYPES, 'Type', required=True, default='assistance',
                                    track_visibility='onchange')
    lead_id = fields.Many2one('crm.lead', 'Opportunity', index=True, ondelete='set null',
                              track_visibility='onchange')
    lead_name = fields.Char(compute='_compute_lead_summary', string='Opportunity Name',
                            help='Shown to the colleague asked, who may not read the opportunity itself.')
    lead_customer_name = fields.Char(compute='_compute_lead_summary', string='Customer')
    requester_id = fields.Many2one('res.users', 'Requested By', required=True, index=True, ondelete='restrict',
                                   default=lambda self: self.env.user, track_visibility='onchange')
    assignee_id = fields.Many2one('res.users', 'Asked To', required=True, index=True, ondelete='restrict',
                                  domain=[('share', '=', False)], track_visibility='onchange',
                                  help='The colleague who is asked; any employee, typically outside sales.')
    subject = fields.Char(required=True, track_visibility='onchange')
    description = fields.Text()
    due_date = fields.Date('Due Date', required=True, index=True, track_visibility='onchange')
    state = fields.Selection(string='Status', selection=[
        ('open', 'Open'),
        ('done', 'Done'),
        ('refused', 'Refused'),
        ('cancelled', 'Cancelled'),
    ], default='open', required=True, readonly=True, copy=False, index=True, track_visibility='onchange')
    response = fields.Text(copy=False, help='The answer of the colleague asked; needed to mark it done or refused.')
    answered_date = fields.Datetime('Answered On', readonly=True, copy=False)
    due_reminder_sent = fields.Boolean('Due Reminder Sent', readonly=True, copy=False, default=False)
    overdue_reminder_sent = fields.Boolean('Overdue Reminder Sent', readonly=True, copy=False, default=False)
    can_answer = fields.Boolean(compute='_compute_user_rights')
    can_change = fields.Boolean(compute='_compute_user_rights')
    company_id = fields.Many2one('res.company', 'Company', compute='_compute_company_id', store=True, index=True,
                                 readonly=True, compute_sudo=True,
                                 help="The opportunity's company, or the requester's.")

    @api.depends('lead_id.company_id', 'requester_id.company_id')
    def _compute_company_id(self):
        # as superuser: recomputed when the opportunity changes company, by whoever changes it
        for request in self:
            lead, requester = request.sudo().lead_id, request.sudo().requester_id
            request.company_id = lead.company_id if lead else requester.company_id

    @api.depends('lead_id')
    def _compute_lead_summary(self):
        for request in self:
            lead = request.lead_id.sudo()
            request.lead_name = lead.name
            request.lead_customer_name = lead.partner_id.display_name or lead.partner_name

    def _compute_user_rights(self):
        user = self.env.user
        manager = self._is_request_manager()
        for request in self:
            request.can_answer = request.state == 'open' and (manager or request.assignee_id == user)
            request.can_change = request.state == 'open' and (manager or request.requester_id == user)

    def _is_request_manager(self):
        user = self.env.user
        return user._is_superuser() or user.has_group('sales_team.group_sale_manager')

    @api.constrains('assignee_id', 'requester_id')
    def _check_assignee(self):
        # as superuser: a constraint runs before the record rules say whether the user may create it
        for request in self.sudo():
            if request.assignee_id.share:
                raise ValidationError(_('A request is addressed to an employee, not to %s.')
                                      % request.assignee_id.name)
            if request.assignee_id == request.requester_id:
                raise ValidationError(_('A request is addressed to a colleague, not to its requester.'))

    # ------------------------------------------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------------------------------------------
    @api.model
    def create(self, vals):
        if vals.get('state', 'open') != 'open':
            raise UserError(_('A request is created open.'))
        if vals.get('requester_id', self.env.uid) != self.env.uid and not self._is_request_manager():
            raise UserError(_('You may make requests in your own name only.'))
        self._check_lead_readable(vals)
        request = super(CrmLeadRequest, self.with_context(mail_create_nolog=True)).create(vals)
        request._notify_assignee()
        return request

    @api.multi
    def write(self, vals):
        # who may not change the request at all hears so first (the record rules), before what he may change
        self.check_access_rights('write')
        self.check_access_rule('write')
        changed_terms = REQUEST_TERMS & set(vals)
        if changed_terms or 'response' in vals:
            self._check_can_write(changed_terms, 'response' in vals)
        self._check_lead_readable(vals)
        if 'due_date' in vals:
            # a new due date, new reminders
            vals = dict(vals, due_reminder_sent=False, overdue_reminder_sent=False)
        old_assignees = {request.id: request.assignee_id for request in self}
        answered = vals.get('state') in ('done', 'refused')
        if answered:
            vals = dict(vals, answered_date=fields.Datetime.now())
        result = super(CrmLeadRequest, self).write(vals)
        if vals.get('state') in ('done', 'refused', 'cancelled'):
            self.mapped('activity_ids').sudo().unlink()
            if answered:
                self._notify_requester()
            else:
                self._notify_cancelled()
        if 'assignee_id' in vals:
            reassigned = self.filtered(lambda request: request.assignee_id != old_assignees[request.id])
            reassigned.mapped('activity_ids').sudo().unlink()
            reassigned._notify_assignee()
        return result

    def _check_lead_readable(self, vals):
        """A request is linked to an opportunity one sees (a many2one alone is not checked)."""
        if vals.get('lead_id'):
            lead = self.env['crm.lead'].browse(vals['lead_id'])
            lead.check_access_rights('read')
            lead.check_access_rule('read')

    def _check_can_write(self, changed_terms, answers):
        """The requester (or a sales manager) changes what is asked, the colleague asked answers, and only
        while the request is open."""
        user = self.env.user
        manager = self._is_request_manager()
        for request in self:
            if request.state != 'open':
                raise UserError(_('Request "%s" is closed: it cannot be changed any more.') % request.subject)
            if manager:
                continue
            if 'requester_id' in changed_terms:
                raise UserError(_('The requester of a request cannot be changed.'))
            if changed_terms and request.requester_id != user:
                raise UserError(_('Only %(requester)s, who made request "%(request)s", may change it; you may '
                                  'answer it.') % {'requester': request.requester_id.name,
                                                   'request': request.subject})
            if answers and request.assignee_id != user:
                raise UserError(_('Only %(assignee)s, who was asked, answers request "%(request)s".') % {
                    'assignee': request.assignee_id.name, 'request': request.subject})

    def _check_state_requirements(self, new_state, vals):
        user = self.env.user
        manager = self._is_request_manager()
        if new_state in ('done', 'refused'):
            if not manager and self.assignee_id != user:
                raise UserError(_('Only %(assignee)s, who was asked, answers request "%(request)s".') % {
                    'assignee': self.assignee_id.name, 'request': self.subject})
            if not (vals.get('response', self.response) or '').strip():
                raise UserError(_('Write a response to request "%s" before answering it.') % self.subject)
        if new_state == 'cancelled' and not manager and self.requester_id != user:
            raise UserError(_('Only %(requester)s, who made request "%(request)s", may cancel it.') % {
                'requester': self.requester_id.name, 'request': self.subject})
        return super(CrmLeadRequest, self)._check_state_requirements(new_state, vals)

    # ------------------------------------------------------------------------------------------------
    # Buttons
    # ------------------------------------------------------------------------------------------------
    @api.multi
    def action_done(self):
        return self._move_to('done')

    @api.multi
    def action_refuse(self):
        return self._move_to('refused')

    @api.multi
    def action_cancel(self):
        return self._move_to('cancelled')

    # ------------------------------------------------------------------------------------------------
    # Notifications: an activity and an e-mail (a message to the partner, sent as e-mail by mail)
    # ------------------------------------------------------------------------------------------------
    def _type_label(self):
        return dict(self._fields['request_type']._description_selection(self.env))[self.request_type]

    def _summary_values(self):
        return {
            'type': self._type_label(),
            'subject': self.subject,
            'requester': self.requester_id.name,
            'assignee': self.assignee_id.name,
            'date': self.due_date,
            'opportunity': self.lead_id.sudo().display_name if self.lead_id else _('no opportunity'),
        }

    def _post_to(self, partners, subject, body):
        self.message_post(body=body, subject=subject, partner_ids=partners.ids, message_type='comment',
                          subtype='mail.mt_comment')

    def _schedule_activity(self, summary, note):
        self.env['mail.activity'].sudo().create({
            'res_model_id': self.env['ir.model']._get(self._name).id,
            'res_id': self.id,
            'activity_type_id': self.env.ref('mail.mail_activity_data_todo').id,
            'user_id': self.assignee_id.id,
            'date_deadline': self.due_date,
            'summary': summary,
            'note': html_escape(note),
        })

    def _notify_assignee(self):
        for request in self:
            # texts in the language of the one who reads them
            request = request.with_context(lang=request.assignee_id.lang)
            values = request._summary_values()
            summary = _('%(type)s: %(subject)s') % values
            body = _('%(requester)s asks you (%(type)s, opportunity: %(opportunity)s): %(subject)s. '
                     'Due on %(date)s.') % values
            if request.description:
                body = '%s\n%s' % (body, request.description)
            request._schedule_activity(summary, body)
            request._post_to(request.assignee_id.partner_id, summary, html_escape(body).replace('\n', '<br/>'))

    def _notify_requester(self):
        for request in self:
            request = request.with_context(lang=request.requester_id.lang)
            values = dict(request._summary_values(), response=request.response,
                          state=request._state_label(request.state))
            subject = _('%(state)s: %(subject)s') % values
            body = _('%(assignee)s answered your request "%(subject)s" (%(state)s): %(response)s') % values
            request._post_to(request.requester_id.partner_id, subject, html_escape(body).replace('\n', '<br/>'))

    def _notify_cancelled(self):
        for request in self:
            request = request.with_context(lang=request.assignee_id.lang)
            values = request._summary_values()
            body = _('%(requester)s cancelled the request "%(subject)s".') % values
            request._post_to(request.assignee_id.partner_id, _('Cancelled: %(subject)s') % values, html_escape(body))

    # ------------------------------------------------------------------------------------------------
    # Reminder cron
    # ------------------------------------------------------------------------------------------------
    @api.model_cr
    def init(self):
        # what the reminder cron reads: the open requests by due date
        self.env.cr.execute("""
            CREATE INDEX IF NOT EXISTS crm_lead_request_open_due_date_index
                ON crm_lead_request (due_date) WHERE state = 'open'""")

    @api.model
    def _cron_send_reminders(self, today=None):
        """Remind the colleagues asked of their open requests: once the day before the due date (or on it,
        when the request came later), once when it is overdue. Each reminder once per request and due
        date (its flag, reset when the due date changes), safe to re-run or to run twice at once.

        ``today`` (a date string) is for tests; the cron runs for the current day.
        """
        today = fields.Date.from_string(today or fields.Date.context_today(self))
        self.env.cr.execute("""
            SELECT id, CASE WHEN due_date < %(today)s THEN 'overdue' ELSE 'due' END
              FROM crm_lead_request
             WHERE state = 'open'
               AND due_date <= %(tomorrow)s
               AND ((due_date < %(today)s AND overdue_reminder_sent IS NOT TRUE)
                    OR (due_date >= %(today)s AND due_reminder_sent IS NOT TRUE))
             ORDER BY id""", {'today': today, 'tomorrow': today + timedelta(days=1)})
        rows = self.env.cr.fetchall()
        for start in range(0, len(rows), BATCH_SIZE):
            for request_id, kind in rows[start:start + BATCH_SIZE]:
                # One request's failure must not stop the others; its flag rolls back with it, for the next run.
                try:
                    with self.env.cr.savepoint():
                        self.sudo().browse(request_id)._remind_once(kind)
                except Exception:
                    _logger.exception('Request reminder cron: %s reminder of request %s skipped', kind, request_id)
                    self.env.clear()
            commit_batch(self.env)
        return True

    def _remind_once(self, kind):
        """Send the ``kind`` reminder ('due' or 'overdue') of this request unless it was sent: the flag is
        set by one UPDATE, so of two runs at once only one sends it."""
        self.ensure_one()
        flag = REMINDER_FLAGS[kind]
        self.env.cr.execute(
            'UPDATE crm_lead_request SET {flag} = TRUE WHERE id = %s AND state = %s AND {flag} IS NOT TRUE '
            'RETURNING id'.format(flag=flag), (self.id, 'open'))
        if not self.env.cr.fetchone():
            return False
        self.invalidate_cache([flag], self.ids)
        request = self.with_context(lang=self.assignee_id.lang)
        values = request._summary_values()
        if kind == 'due':
            summary = _('Reminder: %(subject)s is due on %(date)s') % values
            body = _('The request "%(subject)s" of %(requester)s (%(type)s) is due on %(date)s.') % values
        else:
            summary = _('Overdue: %(subject)s was due on %(date)s') % values
            body = _('The request "%(subject)s" of %(requester)s (%(type)s) was due on %(date)s and is not '
                     'answered yet.') % values
        request._schedule_activity(summary, body)
        request._post_to(request.assignee_id.partner_id, summary, html_escape(body))
        return True
