from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.addons.base.res.res_partner import _tz_get

from .aftersales_return import AVAILABLE_PRIORITIES


class AftersalesSla(models.Model):
    """How fast tickets of a type and priority must be answered and resolved, in working hours of a calendar.

    The hours are counted in the calendar's working time (its leaves are holidays) in the time zone of the
    SLA: a ticket reported on Friday 16:00 with 4 hours in an 8-17 Monday-Friday calendar is due on Monday
    11:00 in that time zone, whoever looks at it."""
    _name = 'aftersales.sla'
    _description = 'Service Level Agreement'
    _order = 'type_id, priority desc, id'

    name = fields.Char(compute='_compute_name', store=True)
    type_id = fields.Many2one('aftersales.ticket.type', string='Ticket Type', required=True, index=True,
                              ondelete='cascade')
    priority = fields.Selection(AVAILABLE_PRIORITIES, help='Empty: every priority without its own SLA.')
    response_hours = fields.Float(
        'Response Time (working hours)', required=True, default=4.0,
        help='Working hours from the report to the first answer of the assignee. 0: no response deadline.')
    resolution_hours = fields.Float(
        'Resolution Time (working hours)', required=True, default=24.0,
        help='Working hours from the report to the resolution. 0: no resolution deadline.')
    calendar_id = fields.Many2one(
        'resource.calendar', string='Working Hours', required=True, ondelete='restrict',
        default=lambda self: self.env.user.company_id.resource_calendar_id)
    tz = fields.Selection(
        _tz_get, string='Time Zone', required=True,
        default=lambda self: self.env.user.company_id.partner_id.tz or 'Asia/Shanghai',
        help='The time zone in which the working hours of the calendar are read.')
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        'res.company', required=True, index=True,
        default=lambda self: self.env['res.company']._company_default_get('aftersales.sla'))

    _sql_constraints = [
        ('hours_non_negative', 'CHECK(response_hours >= 0 AND resolution_hours >= 0)',
         'SLA hours cannot be negative.'),
    ]

    @api.depends('type_id.name', 'priority')
    def _compute_name(self):
        labels = dict(AVAILABLE_PRIORITIES)
        for sla in self:
            sla.name = '%s / %s' % (sla.type_id.name or '', labels.get(sla.priority) or _('Any priority'))

    @api.constrains('type_id', 'priority', 'company_id', 'active')
    def _check_unique(self):
        for sla in self.filtered('active'):
            if self.search_count([('id', '!=', sla.id), ('type_id', '=', sla.type_id.id),
                                  ('priority', '=', sla.priority), ('company_id', '=', sla.company_id.id)]):
                raise ValidationError(_('There is already an SLA for %s.') % sla.name)

    @api.constrains('response_hours', 'resolution_hours')
    def _check_response_before_resolution(self):
        for sla in self:
            if sla.response_hours and sla.resolution_hours and sla.response_hours > sla.resolution_hours:
                raise ValidationError(_('SLA %s: the response time cannot be longer than the resolution time.')
                                      % sla.name)

    @api.model
    def _find(self, ticket_type, priority, company):
        """The SLA of this type and priority, else the type's SLA for any priority."""
        slas = self.sudo().search([('type_id', '=', ticket_type.id), ('company_id', '=', company.id),
                                   ('priority', 'in', [priority, False])])
        return slas.filtered(lambda sla: sla.priority == priority)[:1] or slas[:1]

    @api.multi
    def _deadline(self, start, hours):
        """``start`` (naive UTC datetime) plus ``hours`` working hours of the calendar, as naive UTC; False
        without hours or when the calendar has no working time."""
        self.ensure_one()
        if not hours or not start:
            return False
        # Odoo 11 reads the calendar's hours in the context's time zone.
        calendar = self.calendar_id.sudo().with_context(tz=self.tz)
        intervals = calendar._schedule_hours(hours, start, compute_leaves=True)
        # plan_hours() returns the end of the last interval, which is wrong when the hours end exactly with
        # an interval (it returns the start of the next one): walk the intervals instead.
        remaining = timedelta(hours=hours)
        for interval in intervals:  # (start, end[, data]): truncated intervals have no data
            length = interval[1] - interval[0]
            if length >= remaining:
                return interval[0] + remaining
            remaining -= length
        return False
