from datetime import date, timedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

CALENDARS = [
    ('solar', 'Fixed Date'),
    ('lunar', 'Lunar (Date per Year)'),
]


def next_yearly_date(month, day, start):
    """The first ``month``/``day`` on or after ``start`` (a date); 29 February is 28 February in a common year."""
    for year in (start.year, start.year + 1):
        occurrence = yearly_date(year, month, day)
        if occurrence >= start:
            return occurrence
    return None


def yearly_date(year, month, day):
    """``month``/``day`` in ``year``; 29 February falls on 28 February in a common year."""
    try:
        return date(year, month, day)
    except ValueError:
        return date(year, 3, 1) - timedelta(days=1)


class CareFestival(models.Model):
    """A festival customers are greeted on (节日): on a fixed Gregorian date (元旦 01-01, 国庆节 10-01), or a lunar
    festival (春节, 中秋节 ...) whose Gregorian date is looked up per year in ``date_ids``.

    Care presets of contacts point to festivals; the reminder cron finds the festival's next date from here.
    """
    _name = 'crm.care.festival'
    _description = 'Care Festival'
    _order = 'sequence, id'

    name = fields.Char('Festival', required=True)
    sequence = fields.Integer('Sequence', default=10)
    active = fields.Boolean('Active', default=True)
    calendar = fields.Selection(
        CALENDARS, 'Calendar', required=True, default='solar',
        help='Fixed Date: the same month and day every year. Lunar: the date moves every year; '
             'enter it per year in the table.')
    month = fields.Integer('Month', help='Month of a fixed-date festival (1-12).')
    day = fields.Integer('Day', help='Day of the month of a fixed-date festival.')
    month_day = fields.Integer(
        'Month and Day (MMDD)', compute='_compute_month_day', store=True, index=True,
        help='Technical: month and day of a fixed-date festival, which the care reminder looks up.')
    date_ids = fields.One2many('crm.care.festival.date', 'festival_id', 'Dates per Year', copy=True)
    next_date = fields.Date('Next Date', compute='_compute_next_date',
                            help='The next time the festival comes, from today. Empty for a lunar festival '
                                 'without a date for the coming year: add one.')
    company_id = fields.Many2one('res.company', 'Company', index=True,
                                 help='Empty: the festival is shared by all companies.')

    @api.depends('calendar', 'month', 'day')
    def _compute_month_day(self):
        for festival in self:
            festival.month_day = (festival.month * 100 + festival.day
                                  if festival.calendar == 'solar' and festival.month and festival.day else 0)

    @api.depends('calendar', 'month', 'day', 'date_ids.date')
    def _compute_next_date(self):
        today = fields.Date.from_string(fields.Date.context_today(self))
        for festival in self:
            next_date = festival._next_occurrence(today)
            festival.next_date = fields.Date.to_string(next_date) if next_date else False

    @api.constrains('calendar', 'month', 'day')
    def _check_month_day(self):
        for festival in self.filtered(lambda f: f.calendar == 'solar'):
            try:
                # 2000 is a leap year: 29 February is accepted (celebrated on 28 February in other years).
                date(2000, festival.month, festival.day)
            except (TypeError, ValueError):
                raise ValidationError(_('%s: a fixed-date festival needs a valid month and day.') % festival.name)

    def _next_occurrence(self, start):
        """The first date of the festival on or after ``start`` (a date), or None."""
        self.ensure_one()
        if self.calendar == 'lunar':
            dates = sorted(fields.Date.from_string(line.date) for line in self.date_ids)
            return next((day for day in dates if day >= start), None)
        if not self.month_day:
            return None
        return next_yearly_date(self.month, self.day, start)
