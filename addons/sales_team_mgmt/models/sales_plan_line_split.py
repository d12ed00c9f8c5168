from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from dateutil.rrule import MONTHLY

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare, float_round

from .sales_plan_line import METRICS

METRICS_ALL = METRICS + [('product_qty', 'Product Quantity')]

# Period kinds a target can be spread over: date.range.type of this module, number of periods in a year
# (weeks: Monday to Sunday, cut at month ends so that the weeks of a month add up to the month).
PERIOD_KINDS = {
    'year': ('sales_team_mgmt.date_range_type_year', 1),
    'quarter': ('sales_team_mgmt.date_range_type_quarter', 4),
    'month': ('sales_team_mgmt.date_range_type_month', 12),
    'week': ('sales_team_mgmt.date_range_type_week', None),
}


def plan_weeks(year):
    """(name, first day, last day) of the plan weeks of ``year``: Monday to Sunday, cut at the end of each
    month, named by month and rank (2026-02 W1 is 1 to 1 February 2026, a Sunday)."""
    weeks = []
    day = date(year, 1, 1)
    while day.year == year:
        month_end = day + relativedelta(day=31)
        rank = 1
        while day <= month_end:
            end = min(day + timedelta(days=6 - day.weekday()), month_end)
            weeks.append(('%04d-%02d W%d' % (year, day.month, rank), day, end))
            rank += 1
            day = end + timedelta(days=1)
    return weeks


def split_amounts(total, weights, digits=2):
    """Spread ``total`` over ``weights`` rounded to ``digits``; the last part takes the rounding remainder so
    that the parts always add up to the total exactly."""
    if not weights or any(weight < 0 for weight in weights) or not sum(weights):
        raise UserError(_('A split needs at least one share and the shares must be positive.'))
    weight_total = float(sum(weights))
    parts = [float_round(total * weight / weight_total, precision_digits=digits) for weight in weights[:-1]]
    parts.append(float_round(total - sum(parts), precision_digits=digits))
    if float_compare(parts[-1], 0.0, precision_digits=digits) < 0:
        raise UserError(_('%s cannot be split in these shares: the last share would be negative.') % total)
    return parts


class SalesPlanLineSplit(models.Model):
    """Dimensions (period, product) of a target and its top-down split over periods, teams and people."""
    _inherit = 'sales.plan.line'

    metric = fields.Selection(selection_add=[('product_qty', 'Product Quantity')])
    date_range_id = fields.Many2one('date.range', string='Period', index=True, ondelete='restrict',
                                    help='The part of the plan year this target covers; empty for the whole year.')
    date_start = fields.Date(related='date_range_id.date_start', store=True, readonly=True, string='Period Start')
    date_end = fields.Date(related='date_range_id.date_end', store=True, readonly=True, string='Period End')
    product_id = fields.Many2one('product.product', string='Product', index=True)
    product_categ_id = fields.Many2one('product.category', string='Product Category', index=True)

    @api.constrains('metric', 'product_id', 'product_categ_id')
    def _check_product_metric(self):
        for line in self:
            if (line.product_id or line.product_categ_id) and line.metric != 'product_qty':
                raise ValidationError(_('Target %s: a product or product category target measures the product '
                                        'quantity.') % line.display_name)

    @api.depends('team_id.name', 'user_id.name', 'product_id.name', 'product_categ_id.name', 'date_range_id.name')
    def _compute_name(self):
        for line in self:
            parts = [part for part in (line.team_id.name, line.user_id.name, line.product_categ_id.name,
                                       line.product_id.name, line.date_range_id.name) if part]
            line.name = ' / '.join(parts) or _('Company-wide')

    # ------------------------------------------------------------------ top-down split

    def _split_values(self):
        """What a sub-target inherits from this target."""
        return {
            'plan_id': self.plan_id.id,
            'parent_id': self.id,
            'metric': self.metric,
            'team_id': self.team_id.id,
            'user_id': self.user_id.id,
            'product_id': self.product_id.id,
            'product_categ_id': self.product_categ_id.id,
            'date_range_id': self.date_range_id.id,
        }

    def _check_splittable(self):
        self.ensure_one()
        self.plan_id._check_draft()
        if self.child_ids:
            raise UserError(_('Target %s is already split; delete its sub-targets to split it again.')
                            % self.display_name)

    @api.multi
    def split_by_shares(self, shares):
        """Split this target over teams, people or products: ``shares`` is a list of (values, weight), e.g.
        [({'team_id': 7}, 40), ({'team_id': 8}, 60)]. Returns the sub-targets."""
        self._check_splittable()
        digits = 0 if self.metric in ('new_customers', 'product_qty') else 2
        amounts = split_amounts(self.target, [weight for _values, weight in shares], digits)
        children = self.browse()
        for (values, _weight), amount in zip(shares, amounts):
            child_values = dict(self._split_values(), **values)
            child_values.update(target=amount, plan_id=self.plan_id.id, parent_id=self.id)
            children |= self.create(child_values)
        return children

    @api.multi
    def _split_periods(self, kind):
        """The periods of ``kind`` this target spreads over: those of the plan year, or those within the
        target's own period (the months of a quarter, the weeks of a month)."""
        self.ensure_one()
        if kind not in PERIOD_KINDS or kind == 'year':
            raise UserError(_('A target can be spread over quarters, months or weeks.'))
        periods = self.plan_id._periods(kind)
        if self.date_range_id:
            periods = periods.filtered(lambda period: period.date_start >= self.date_start and
                                       period.date_end <= self.date_end)
            if not periods or periods == self.date_range_id:
                raise UserError(_('Target %s covers %s: choose shorter periods to spread it over.')
                                % (self.display_name, self.date_range_id.name))
        return periods

    @api.multi
    def split_over_periods(self, kind='month', weights=None):
        """Spread this target over the quarters, months or weeks of the plan year (or of the target's own
        period) by ``weights`` (equal parts by default). Returns the sub-targets, one per period."""
        self._check_splittable()
        periods = self._split_periods(kind)
        weights = weights or [1] * len(periods)
        if len(weights) != len(periods):
            raise UserError(_('%(count)s weights are needed, one per period, not %(given)s.')
                            % {'count': len(periods), 'given': len(weights)})
        return self.split_by_shares([({'date_range_id': period.id}, weight)
                                     for period, weight in zip(periods, weights)])

    @api.multi
    def action_open_split_wizard(self):
        self._check_splittable()
        return {
            'type': 'ir.actions.act_window',
            'name': _('Split %s') % self.display_name,
            'res_model': 'sales.plan.line.split.wizard',
            'view_mode': 'form',
            'target': 'new',
            'context': {'default_line_id': self.id},
        }


class SalesPlanPeriods(models.Model):
    """The periods (OCA date ranges) of a plan's year, generated when first needed."""
    _inherit = 'sales.plan'

    @api.multi
    def _periods(self, kind):
        """The date ranges of ``kind`` (year, quarter, month, week) covering the plan year, in order."""
        self.ensure_one()
        type_xmlid, count = PERIOD_KINDS[kind]
        range_type = self.env.ref(type_xmlid)
        Range = self.env['date.range'].sudo()
        start, end = '%04d-01-01' % self.year, '%04d-12-31' % self.year
        domain = [('type_id', '=', range_type.id), ('date_start', '>=', start), ('date_end', '<=', end),
                  ('company_id', 'in', (self.company_id.id, False))]
        if kind == 'week':
            return self._plan_week_periods(range_type, domain)
        periods = Range.search(domain, order='date_start')
        if not periods:
            generator = self.env['date.range.generator'].sudo().create({
                'name_prefix': {'year': '%s', 'quarter': '%sQ', 'month': '%s-'}[kind] % self.year,
                'date_start': start,
                'type_id': range_type.id,
                'company_id': self.company_id.id,
                'unit_of_time': MONTHLY,
                'duration_count': 12 // count,
                'count': count,
            })
            for values in generator._compute_date_ranges():
                if kind == 'year':
                    values['name'] = str(self.year)
                Range.create(values)
            periods = Range.search(domain, order='date_start')
        if len(periods) != count:
            raise UserError(_('The year %(year)s should have %(count)s periods of type %(type)s, it has %(found)s: '
                              'correct the date ranges.') % {'year': self.year, 'count': count,
                                                             'type': range_type.name, 'found': len(periods)})
        return periods.sudo(self.env.uid)

    def _plan_week_periods(self, range_type, domain):
        """The plan weeks of the year (see ``plan_weeks``), creating those missing; other week ranges of the
        same type (overlaps are allowed) are left out."""
        Range = self.env['date.range'].sudo()
        found = {(period.date_start, period.date_end): period for period in Range.search(domain)}
        periods = Range.browse()
        for name, first, last in plan_weeks(self.year):
            span = (fields.Date.to_string(first), fields.Date.to_string(last))
            period = found.get(span) or Range.create({
                'name': name, 'date_start': span[0], 'date_end': span[1], 'type_id': range_type.id,
                'company_id': self.company_id.id})
            periods |= period
        return periods.sudo(self.env.uid)
