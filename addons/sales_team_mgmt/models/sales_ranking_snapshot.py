from datetime import date as Date

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.addons.crm_lifecycle.models.cron_batch import commit_batch
# Uninstalling the module deletes the snapshots like any of its data.
from odoo.addons.crm_lifecycle.models.trusted_context import is_module_uninstall

RANKING_METRICS = [
    ('signed_amount', 'Signed Amount'),
    ('quota_attainment', 'Quota Attainment (%)'),
    ('collected_amount', 'Collected Amount'),
    ('win_rate', 'Win Rate (%)'),
]

# The value each metric ranks by, over the rows of sales.performance of the period (rates from the totals,
# not the average of the months). Empty values (no quota, no deal closed) are not ranked.
RANKING_VALUES = {
    'signed_amount': "SUM(p.signed_amount)",
    'quota_attainment': "100.0 * SUM(p.signed_amount) / NULLIF(SUM(p.quota_target), 0)",
    'collected_amount': "SUM(p.collected_amount)",
    'win_rate': "100.0 * SUM(p.won_count) / NULLIF(SUM(p.won_count) + SUM(p.lost_count), 0)",
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
        (named parameters company_id, date_from, date_to). Ties share a rank."""
        if metric not in RANKING_VALUES:
            raise UserError(_('Unknown ranking metric: %s') % metric)
        return """
            SELECT RANK() OVER (ORDER BY ranked.value DESC) AS rank, ranked.user_id, ranked.team_id, ranked.value
              FROM (SELECT p.user_id, MAX(p.team_id) AS team_id, """ + RANKING_VALUES[metric] + """ AS value
                      FROM sales_performance p
                     WHERE p.company_id = %(company_id)s
                       AND p.date >= date_trunc('month', %(date_from)s::date) AND p.date <= %(date_to)s
                     GROUP BY p.user_id) ranked
             WHERE ranked.value IS NOT NULL
             ORDER BY rank, ranked.user_id"""

    @api.model
    def _compute_ranking(self, company, date_from, date_to, metric):
        """The ranking of ``company`` by ``metric`` over the months from ``date_from`` to ``date_to``: a list
        of {rank, user_id, team_id, value}, best first, from one query."""
        self.env.cr.execute(self._ranking_query(metric),
                            {'company_id': company.id, 'date_from': date_from, 'date_to': date_to})
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
                      FROM (""" + self._ranking_query(metric) + """) r""", {
                    'snapshot_id': row[0], 'company_id': company.id, 'metric': metric, 'day': day,
                    'date_from': period_start, 'date_to': period_end, 'uid': uid})
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
        self.sudo()._take_snapshots(self.env.user.company_id)
        return self.env.ref('sales_team_mgmt.sales_ranking_snapshot_line_action').read()[0]
