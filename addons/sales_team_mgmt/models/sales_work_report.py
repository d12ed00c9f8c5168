from datetime import datetime, time, timedelta

import pytz

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import plaintext2html
from odoo.addons.crm_lifecycle.models.trusted_context import is_module_uninstall

from .sales_plan import SALE_MANAGER

REPORT_KINDS = [
    ('daily', 'Daily Report'),
    ('weekly', 'Weekly Report'),
]
# What the reviewer writes while the report is submitted; the author never writes them.
REVIEW_FIELDS = ('review_comment', 'score')
# Written by the review itself (the state move), not by hand.
REVIEW_STAMP_FIELDS = ('reviewed_by_id', 'reviewed_date')
SCORE_MIN, SCORE_MAX = 1, 5


class SalesWorkReport(models.Model):
    """A salesperson's daily or weekly report (日报/周报): what was done, the plan for the next period and
    the customers and opportunities worked on. Submitted to the supervisor, who reviews it (点评) with a
    comment and a score."""
    _name = 'sales.work.report'
    _inherit = ['mail.thread', 'mail.activity.mixin', 'crm.state.machine.mixin']
    _description = 'Work Report'
    _order = 'date desc, kind, id desc'

    # The author submits; the supervisor reviews or sends back (checked in _check_state_requirements).
    _STATE_TRANSITIONS = {
        'draft': {'submitted': None},
        'submitted': {'reviewed': None, 'draft': None},
        'reviewed': {},
    }

    name = fields.Char(compute='_compute_name', store=True)
    kind = fields.Selection(REPORT_KINDS, string='Report Type', required=True, default='daily',
                            track_visibility='onchange')
    user_id = fields.Many2one('res.users', string='Salesperson', required=True, index=True, ondelete='restrict',
                              default=lambda self: self.env.user, track_visibility='onchange')
    team_id = fields.Many2one('crm.team', string='Sales Team', compute='_compute_team_id', store=True, index=True,
                              help="The salesperson's team when the report was written.")
    reviewer_id = fields.Many2one(
        'res.users', string='Reviewer', compute='_compute_reviewer_id', store=True, index=True,
        help="The leader of the salesperson's team, or of the team above when he leads it himself; "
             "a sales director may review any report but his own.")
    date = fields.Date(required=True, index=True, default=fields.Date.context_today, track_visibility='onchange',
                       help='The day of a daily report; for a weekly report the Monday of its week '
                            '(any day given is moved to it).')
    date_to = fields.Date(string='Until', compute='_compute_date_to', store=True)
    summary = fields.Text(string='Work Done', help='What was done in this period.')
    plan = fields.Text(string='Plan for Next Period', help='What is planned for the next day or week.')
    line_ids = fields.One2many('sales.work.report.line', 'report_id', string='Activities', copy=True)
    total_hours = fields.Float(string='Total Hours', compute='_compute_total_hours')
    state = fields.Selection([
        ('draft', 'Draft'),
        ('submitted', 'Submitted'),
        ('reviewed', 'Reviewed'),
    ], default='draft', required=True, readonly=True, copy=False, index=True, track_visibility='onchange')
    review_comment = fields.Text(string='Review Comment', copy=False, track_visibility='onchange')
    score = fields.Integer(copy=False, track_visibility='onchange',
                           help='The reviewer\'s score, from 1 (poor) to 5 (excellent).')
    reviewed_by_id = fields.Many2one('res.users', string='Reviewed by', readonly=True, copy=False)
    reviewed_date = fields.Datetime(string='Reviewed on', readonly=True, copy=False)
    can_review = fields.Boolean(compute='_compute_can_review',
                                help='Whether the current user may review this report.')
    company_id = fields.Many2one('res.company', required=True, index=True,
                                 default=lambda self: self.env['res.company']._company_default_get(
                                     'sales.work.report'))

    _sql_constraints = [
        ('user_kind_date_unique', 'UNIQUE(user_id, kind, date)',
         'A salesperson writes one daily report per day and one weekly report per week.'),
    ]

    # ------------------------------------------------------------------ computes

    @api.depends('kind', 'user_id.name', 'date')
    def _compute_name(self):
        kinds = dict(self._fields['kind']._description_selection(self.env))
        for report in self:
            report.name = '%s %s %s' % (kinds.get(report.kind, ''), report.user_id.name or '', report.date or '')

    @api.depends('user_id')
    def _compute_team_id(self):
        for report in self:
            report.team_id = report.user_id.sale_team_id

    @api.depends('user_id', 'team_id.user_id', 'team_id.parent_id.user_id')
    def _compute_reviewer_id(self):
        for report in self:
            leader = report.team_id.user_id
            if leader == report.user_id:
                leader = report.team_id.parent_id.user_id
            report.reviewer_id = leader if leader != report.user_id else False

    @api.depends('kind', 'date')
    def _compute_date_to(self):
        for report in self:
            if report.date and report.kind == 'weekly':
                report.date_to = fields.Date.to_string(fields.Date.from_string(report.date) + timedelta(days=6))
            else:
                report.date_to = report.date

    @api.depends('line_ids.hours')
    def _compute_total_hours(self):
        for report in self:
            report.total_hours = sum(report.line_ids.mapped('hours'))

    def _compute_can_review(self):
        for report in self:
            report.can_review = report.state == 'submitted' and report._may_review(self.env.user)

    # ------------------------------------------------------------------ constraints

    @api.constrains('score')
    def _check_score(self):
        for report in self:
            if report.score and not SCORE_MIN <= report.score <= SCORE_MAX:
                raise ValidationError(_('The score must be between %(min)s and %(max)s.') % {
                    'min': SCORE_MIN, 'max': SCORE_MAX})

    @api.model
    def _check_period_free(self, user_id, kind, date, exclude_id=None):
        """One report per salesperson, type and period: checked before the SQL constraint, to name the report
        that exists."""
        other = self.sudo().search([('user_id', '=', user_id), ('kind', '=', kind), ('date', '=', date),
                                    ('id', '!=', exclude_id or 0)], limit=1)
        if other:
            raise ValidationError(_('%(user)s already has a report for this period: %(report)s. '
                                    'Open it instead of writing a second one.') % {
                                        'user': other.user_id.name, 'report': other.name})

    # ------------------------------------------------------------------ ORM

    @api.model
    def _normalize_date(self, vals, kind):
        """A weekly report starts on the Monday of its week."""
        if vals.get('date') and kind == 'weekly':
            day = fields.Date.from_string(vals['date'])
            vals['date'] = fields.Date.to_string(day - timedelta(days=day.weekday()))
        return vals

    @api.model
    def create(self, vals):
        vals = dict(vals)
        if vals.get('state', 'draft') != 'draft' or any(vals.get(name) for name in REVIEW_FIELDS):
            raise UserError(_('A work report is always created as a draft, without a review.'))
        user = self.env.user
        if vals.get('user_id', user.id) != user.id and not self._is_director(user):
            raise UserError(_('You may write work reports in your own name only.'))
        vals = self._normalize_date(vals, vals.get('kind', 'daily'))
        self._check_period_free(vals.get('user_id', user.id), vals.get('kind', 'daily'),
                                vals.get('date') or fields.Date.context_today(self))
        return super(SalesWorkReport, self).create(vals)

    @api.multi
    def write(self, vals):
        if ('date' in vals or 'kind' in vals) and len(self) > 1:
            for report in self:  # the week start depends on each report's kind
                report.write(vals)
            return True
        vals = dict(vals)
        if not self.env.user._is_superuser():
            for name in REVIEW_STAMP_FIELDS:  # set by the review itself, never by hand
                vals.pop(name, None)
        if 'date' in vals or 'kind' in vals:
            had_date = 'date' in vals
            vals = self._normalize_date(dict(vals, date=vals.get('date', self.date)), vals.get('kind', self.kind))
            if not had_date and vals['date'] == self.date:
                del vals['date']  # unchanged: not a content change of its own
        self._check_write_allowed(vals)
        if {'user_id', 'kind', 'date'} & set(vals):
            for report in self:
                self._check_period_free(vals.get('user_id', report.user_id.id), vals.get('kind', report.kind),
                                        vals.get('date', report.date), exclude_id=report.id)
        new_state = vals.get('state')
        if new_state == 'reviewed':
            stamp = {'reviewed_by_id': self.env.uid, 'reviewed_date': fields.Datetime.now()}
            if self.env.user._is_superuser():  # demo data names the reviewer
                stamp = dict(stamp, **{name: vals[name] for name in REVIEW_STAMP_FIELDS if name in vals})
            vals.update(stamp)
        elif new_state == 'draft':
            vals.update(dict.fromkeys(REVIEW_FIELDS + REVIEW_STAMP_FIELDS, False))
        to_notify = self.filtered(lambda report: report.state != 'reviewed') if new_state == 'reviewed' else None
        result = super(SalesWorkReport, self).write(vals)
        if new_state == 'submitted':
            self._schedule_review_activity()
        elif new_state in ('reviewed', 'draft'):
            self._clear_review_activities()
        if to_notify:
            to_notify._notify_author_of_review()
        return result

    @api.multi
    def unlink(self):
        if is_module_uninstall(self.env):  # the module's uninstall deletes the submitted reports too
            return super(SalesWorkReport, self).unlink()
        for report in self:
            if report.state != 'draft':
                raise UserError(_('Work report %s has been submitted and can no longer be deleted.') % report.name)
            if report.user_id != self.env.user and not self.env.user._is_superuser():
                raise UserError(_('Only its author may delete work report %s.') % report.name)
        return super(SalesWorkReport, self).unlink()

    @api.model
    def _is_free_field(self, name):
        """Chatter, followers and activities stay open in every state and to every reader."""
        return name.startswith(('message_', 'activity_')) or name in ('state',) + REVIEW_STAMP_FIELDS

    @api.multi
    def _check_write_allowed(self, vals):
        """Contents: only the author, only while a draft. Review: only the reviewer, only while submitted."""
        user = self.env.user
        if user._is_superuser():
            return
        if vals.get('user_id', user.id) != user.id and not self._is_director(user):
            raise UserError(_('You may write work reports in your own name only.'))
        content = [name for name in vals if not self._is_free_field(name) and name not in REVIEW_FIELDS]
        review = [name for name in vals if name in REVIEW_FIELDS]
        for report in self:
            if content:
                if report.state != 'draft':
                    raise UserError(_('Work report %s has been submitted: it can no longer be changed; '
                                      'the reviewer can send it back to draft.') % report.name)
                if report.user_id != user:
                    raise UserError(_('Only its author may change work report %s.') % report.name)
            if review:
                if report.state != 'submitted':
                    raise UserError(_('Work report %s can be reviewed only while it is submitted.') % report.name)
                report._check_may_review(user)

    # ------------------------------------------------------------------ review

    @api.model
    def _is_director(self, user):
        return user._is_superuser() or user.has_group(SALE_MANAGER)

    def _may_review(self, user):
        """The supervisor or a sales director, never the author."""
        if user == self.user_id:
            return False
        return user._is_superuser() or user.has_group(SALE_MANAGER) or user == self.reviewer_id

    def _check_may_review(self, user):
        if user == self.user_id:
            raise UserError(_('You cannot review your own work report %s.') % self.name)
        if not self._may_review(user):
            raise UserError(_('You are not allowed to review work report %(report)s: it is reviewed by '
                              '%(reviewer)s; a sales director may review it too.') % {
                                  'report': self.name, 'reviewer': self.reviewer_id.name or _('the sales directors')})

    def _check_state_requirements(self, new_state, vals):
        user = self.env.user
        if new_state == 'submitted' and self.user_id != user and not user._is_superuser():
            raise UserError(_('Only its author may submit work report %s.') % self.name)
        if new_state == 'submitted' and not (self.summary or vals.get('summary') or self.line_ids):
            raise UserError(_('Work report %s is empty: write what was done or add activities first.')
                            % self.name)
        if self.state == 'submitted' and new_state in ('reviewed', 'draft'):
            self._check_may_review(user)
        if new_state == 'reviewed' and not vals.get('score', self.score):
            raise UserError(_('Give a score (%(min)s to %(max)s) to review work report %(report)s.') % {
                'min': SCORE_MIN, 'max': SCORE_MAX, 'report': self.name})
        return super(SalesWorkReport, self)._check_state_requirements(new_state, vals)

    @api.multi
    def action_submit(self):
        return self._move_to('submitted')

    @api.multi
    def action_review(self):
        return self._move_to('reviewed')

    @api.multi
    def action_send_back(self):
        return self._move_to('draft')

    def _schedule_review_activity(self):
        """A to-do for the reviewer: the report waits for his 点评."""
        activity_type = self.env.ref('sales_team_mgmt.mail_activity_type_work_report_review')
        model = self.env['ir.model']._get(self._name)
        for report in self.filtered('reviewer_id'):
            self.env['mail.activity'].sudo().create({
                'res_model_id': model.id, 'res_id': report.id, 'activity_type_id': activity_type.id,
                'user_id': report.reviewer_id.id, 'summary': _('Review %s') % report.name,
                'date_deadline': fields.Date.context_today(self)})

    def _clear_review_activities(self):
        activity_type = self.env.ref('sales_team_mgmt.mail_activity_type_work_report_review')
        self.sudo().mapped('activity_ids').filtered(lambda a: a.activity_type_id == activity_type).unlink()

    def _notify_author_of_review(self):
        for report in self:
            body = plaintext2html(_('%(reviewer)s reviewed your report: score %(score)s/%(max)s.') % {
                'reviewer': report.reviewed_by_id.name, 'score': report.score, 'max': SCORE_MAX})
            if report.review_comment:
                body += plaintext2html(report.review_comment)
            report.sudo().message_post(body=body, subtype='mail.mt_comment',
                                       partner_ids=report.user_id.partner_id.ids,
                                       author_id=report.reviewed_by_id.partner_id.id)

    # ------------------------------------------------------------------ follow-ups

    def _period_bounds_utc(self):
        """The report's period as UTC datetimes, in the author's time zone."""
        tz = pytz.timezone(self.user_id.tz or self.env.user.tz or 'UTC')
        start = tz.localize(datetime.combine(fields.Date.from_string(self.date), time.min))
        end = tz.localize(datetime.combine(fields.Date.from_string(self.date_to) + timedelta(days=1), time.min))
        return (fields.Datetime.to_string(start.astimezone(pytz.utc)),
                fields.Datetime.to_string(end.astimezone(pytz.utc)))

    @api.multi
    def action_fill_from_follow_ups(self):
        """Add a line for each of the author's follow-ups in the period not yet in the report (safe to repeat)."""
        for report in self:
            report._check_write_allowed({'line_ids': True})
            start, end = report._period_bounds_utc()
            follow_ups = self.env['crm.customer.follow.up'].search([
                ('user_id', '=', report.user_id.id), ('date', '>=', start), ('date', '<', end)], order='date')
            known = report.line_ids.mapped('follow_up_id')
            report.write({'line_ids': [(0, 0, {
                'follow_up_id': follow_up.id,
                'partner_id': follow_up.partner_id.id,
                'lead_id': follow_up.lead_id.id,
                'activity': follow_up.content,
                'result': follow_up.result,
            }) for follow_up in follow_ups - known]})
        return True
