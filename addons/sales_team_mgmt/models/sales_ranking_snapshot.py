from datetime import date as Date

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.addons.crm_lifecycle.models.caller_time_zone import sudo_in_caller_tz
from odoo.addons.crm_lifecycle.models.cron_batch import commit_batch
# Uninstalling the module deletes the snapshots like any of its data.
from odoo.addons.crm_lifecycle.models.trusted_context import is_module_uninstall
from odoo.addons.contract_mgmt.models.sale_contract import LOCKED_STATES

from ..report.sales_performance import QUOTA_PLAN_STATES, QUOTA_TARGETS
from ..report.sales_plan_attainment import fact_sql

RANKING_METRICS = [
    ('signed_amount', 'Signed Amount'),
    ('quota_attainment', 'Quota Attainment (%)'),
    ('collected_amount', 'Collected Amount'),
    ('win_rate', 'Win Rate (%)'),
]

# Per metric, each salesperson's value over the months of the period, from the documents of those months only
# (named parameters company_id, date_from and date_to: first and last month; rates from the totals). Empty
# values (no quota, no deal closed) are not ranked.
RANKING_VALUES = {
    'signed_amount': """
        SELECT f.user_id, SUM(f.amount) AS value FROM (%(signed)s) f
         WHERE f.company_id = %%(company_id)s AND f.date >= %%(month_from)s AND f.date < %%(month_after)s
         GROUP BY f.user_id""",
    'collected_amount': """
        SELECT f.user_id, SUM(f.amount) AS value FROM (%(collected)s) f
         WHERE f.company_id = %%(company_id)s AND f.date >= %%(month_from)s AND f.date < %%(month_after)s
         GROUP BY f.user_id""",
    'quota_attainment': """
        SELECT q.user_id, 100.0 * COALESCE(SUM(f.amount), 0.0) / NULLIF(MAX(q.target), 0) AS value
          FROM (SELECT user_id, SUM(target) AS target FROM (%(quota)s) quota
                 WHERE company_id = %%(company_id)s AND date >= %%(month_from)s AND date < %%(month_after)s
                 GROUP BY user_id) q
          LEFT JOIN (%(signed)s) f ON f.user_id = q.user_id AND f.company_id = %%(company_id)s
                                   AND f.date >= %%(month_from)s AND f.date < %%(month_after)s
         GROUP BY q.user_id""",
    'win_rate': """
        SELECT h.user_id, 100.0 * COUNT(*) FILTER (WHERE h.event = 'won') / COUNT(*) AS value
          FROM crm_lead_stage_history h
         WHERE h.event IN ('won', 'lost') AND h.user_id IS NOT NULL AND h.company_id = %%(company_id)s
           AND h.date >= %%(month_from)s AND h.date < %%(month_after)s
         GROUP BY h.user_id""",
}


class SalesRankingSnapshot(models.Model):
    """The leaderboard of one company, metric and month as it stood on one day.

    Taken by the scheduled action (once per company, metric, month and day: a unique constraint, so a rerun
    adds nothing) and never changed afterwards: later sales show in later snapshots, past rankings stay as
    they were."""
    _name = 'sales.ranking.snapshot'
    _description = 'Sales Ranking Snapshot'
    _order = 'date desc, company_id, metric'
    _rec_name = 'date'

    date = fields.Date('Taken On', required=True, readonly=True, index=True)
    period_start = fields.Date('Period Start', required=True, readonly=True)
    period_end = fields.Date('Period End', required=True, readonly=True)
    company_id = fields.Many2one('res.company', 'Company', required=True, readonly=True, index=True,
                                 ondelete='cascade')
    metric = fields.Selection(RANKING_METRICS, required=True, readonly=True)
    line_ids = fields.One2many('sales.ranking.snapshot.line', 'snapshot_id', string='Ranking', readonly=True)
    is_latest = fields.Boolean('Latest', compute='_compute_is_latest', search='_search_is_latest',
                               help='The most recent snapshot of its company and metric.')

    _sql_constraints = [
        ('snapshot_unique', 'UNIQUE(company_id, metric, period_start, date)',
         'There is already a ranking of this company, metric and period taken that day.'),
    ]

    def _latest_ids(self):
        self.env.cr.execute("""
            SELECT DISTINCT ON (company_id, metric) id
              FROM sales_ranking_snapshot
             ORDER BY company_id, metric, date DESC, period_start DESC, id DESC""")
        return [row[0] for row in self.env.cr.fetchall()]

    def _compute_is_latest(self):
        latest = set(self._latest_ids())
        for snapshot in self:
            snapshot.is_latest = snapshot.id in latest

    def _search_is_latest(self, operator, value):
        positive = (operator == '=') == bool(value)
        return [('id', 'in' if positive else 'not in', self._latest_ids())]

    @api.multi
    def name_get(self):
        metrics = dict(self._fields['metric']._description_selection(self.env))
        return [(snapshot.id, '%s %s (%s)' % (metrics[snapshot.metric], snapshot.period_start[:7], snapshot.date))
                for snapshot in self]

    @api.multi
    def write(self, vals):
        if not is_module_uninstall(self.env):
            raise UserError(_('A ranking snapshot cannot be changed: past rankings stay as they were.'))
        return super(SalesRankingSnapshot, self).write(vals)

    @api.multi
    def unlink(self):
        if not is_module_uninstall(self.env):
            raise UserError(_('A ranking snapshot cannot be deleted: past rankings stay as they were.'))
        return super(SalesRankingSnapshot, self).unlink()

    # ------------------------------------------------------------------ ranking

    @api.model
    def _ranking_query(self, metric):
        """SQL ranking the salespeople of a company over the months from date_from to date_to by ``metric``
        (named parameters company_id, date_from, date_to: the months of these days). Ties share a rank."""
        if metric not in RANKING_VALUES:
            raise UserError(_('Unknown ranking metric: %s') % metric)
        values = RANKING_VALUES[metric] % {
            'signed': fact_sql('signed_amount'), 'collected': fact_sql('collected_amount'), 'quota': QUOTA_TARGETS}
        return """
            SELECT RANK() OVER (ORDER BY ranked.value DESC) AS rank, ranked.user_id, u.sale_team_id AS team_id,
                   ranked.value
              FROM (""" + values + """) ranked
              JOIN res_users u ON u.id = ranked.user_id
             WHERE ranked.value IS NOT NULL
             ORDER BY rank, ranked.user_id"""

    @api.model
    def _ranking_params(self, company, date_from, date_to):
        def day(value):  # a date or its string
            return fields.Date.from_string(value) if isinstance(value, str) else value
        month_from = day(date_from).replace(day=1)
        month_after = day(date_to).replace(day=1) + relativedelta(months=1)
        return {'company_id': company.id, 'month_from': month_from, 'month_after': month_after,
                'locked': tuple(LOCKED_STATES), 'quota_states': QUOTA_PLAN_STATES}

    @api.model
    def _compute_ranking(self, company, date_from, date_to, metric):
        """The ranking of ``company`` by ``metric`` over the months from ``date_from`` to ``date_to``: a list
        of {rank, user_id, team_id, value}, best first, from one query."""
        self.env.cr.execute(self._ranking_query(metric), self._ranking_params(company, date_from, date_to))
        return self.env.cr.dictfetchall()

    @api.model
    def _take_snapshots(self, companies, day=None):
        """Take the rankings of the month of ``day`` (today by default) as they stand, every metric, for
        ``companies``. A ranking already taken that day is kept as it is. Returns the snapshots created."""
        day = fields.Date.from_string(day or fields.Date.context_today(self))
        period_start = Date(day.year, day.month, 1)
        period_end = period_start + relativedelta(months=1, days=-1)
        uid = self.env.uid
        created = []
        for company in companies:
            for metric, _label in RANKING_METRICS:
                self.env.cr.execute("""
                    INSERT INTO sales_ranking_snapshot (date, period_start, period_end, company_id, metric,
                                                        create_uid, write_uid, create_date, write_date)
                    VALUES (%s, %s, %s, %s, %s, %s, %s, now() at time zone 'UTC', now() at time zone 'UTC')
                    ON CONFLICT (company_id, metric, period_start, date) DO NOTHING
                    RETURNING id""", [day, period_start, period_end, company.id, metric, uid, uid])
                row = self.env.cr.fetchone()
                if not row:
                    continue
                created.append(row[0])
                self.env.cr.execute("""
                    INSERT INTO sales_ranking_snapshot_line (snapshot_id, company_id, metric, date, period_start,
                                                             rank, user_id, team_id, value,
                                                             create_uid, write_uid, create_date, write_date)
                    SELECT %(snapshot_id)s, %(company_id)s, %(metric)s, %(day)s, %(date_from)s, r.rank, r.user_id,
                           r.team_id, r.value, %(uid)s, %(uid)s, now() at time zone 'UTC', now() at time zone 'UTC'
                      FROM (""" + self._ranking_query(metric) + """) r""", dict(
                    self._ranking_params(company, period_start, period_end), snapshot_id=row[0], metric=metric,
                    day=day, date_from=period_start, uid=uid))
            commit_batch(self.env)
        return self.browse(created)

    @api.model
    def _cron_take_snapshots(self):
        """Daily: today's rankings of the current month of every company."""
        return self._take_snapshots(self.env['res.company'].search([]))

    @api.model
    def action_take_snapshots(self):
        """'Take Rankings Now' (sales director): today's rankings of the user's company, if not yet taken."""
        if not self.env.user.has_group('sales_team.group_sale_manager'):
            raise UserError(_('Only a sales director can take the rankings.'))
        # the director's today: sudo() would take the superuser's time zone when the context has none
        sudo_in_caller_tz(self)._take_snapshots(self.env.user.company_id)
        return self.env.ref('sales_team_mgmt.sales_ranking_snapshot_line_action').read()[0]
