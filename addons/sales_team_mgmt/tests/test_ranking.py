from odoo import fields
from odoo.exceptions import AccessError, UserError

from ..models.sales_ranking_snapshot import RANKING_METRICS
from .performance_common import MONTH_END, MONTH_START, PerformanceCase


class TestRanking(PerformanceCase):
    """Rankings from the performance figures, snapshots taken once a day and never changed afterwards."""

    def _ranking(self, metric):
        return self.env['sales.ranking.snapshot']._compute_ranking(self.company, MONTH_START, MONTH_END, metric)

    def _snapshot(self, day, metric):
        return self.env['sales.ranking.snapshot'].search([('company_id', '=', self.company.id), ('date', '=', day),
                                                          ('metric', '=', metric)])

    def test_ranking_ordered_with_direct_values(self):
        for metric, _label in RANKING_METRICS:
            rows = self._ranking(metric)
            values = [row['value'] for row in rows]
            self.assertEqual(values, sorted(values, reverse=True), metric)
            for row in rows:  # ties share a rank: 1 + the number of better values
                self.assertEqual(row['rank'], 1 + len([value for value in values if value > row['value']]))
        by_user = {row['user_id']: row for row in self._ranking('signed_amount')}
        for user in (self.sales_east, self.sales_east2, self.sales_south):
            self.assertAlmostEqual(by_user[user.id]['value'], self._expected(user)['signed_amount'])
            self.assertEqual(by_user[user.id]['team_id'], user.sale_team_id.id)
        self.assertLess(by_user[self.sales_east.id]['rank'], by_user[self.sales_east2.id]['rank'])
        win_rates = {row['user_id']: row['value'] for row in self._ranking('win_rate')}
        self.assertAlmostEqual(win_rates[self.sales_east.id], 200.0 / 3)
        self.assertAlmostEqual(win_rates[self.sales_east2.id], 25.0)
        self.assertAlmostEqual(win_rates[self.sales_south.id], 0.0)
        collected = {row['user_id']: row['value'] for row in self._ranking('collected_amount')}
        self.assertEqual((collected[self.sales_east.id], collected[self.sales_east2.id]), (30000.0, 40000.0))
        # only people with a quota are ranked by attainment
        attainment = {row['user_id']: row['value'] for row in self._ranking('quota_attainment')}
        self.assertAlmostEqual(attainment[self.sales_east.id], 90.0)
        self.assertNotIn(self.sales_east2.id, attainment)

    def test_snapshot_once_a_day_and_past_rankings_stay(self):
        Snapshot = self.env['sales.ranking.snapshot']
        first = Snapshot._take_snapshots(self.company, '2026-03-10')
        self.assertEqual(sorted(first.mapped('metric')), sorted(metric for metric, _label in RANKING_METRICS))
        self.assertFalse(Snapshot._take_snapshots(self.company, '2026-03-10'), 'a rerun the same day adds nothing')
        signed = self._snapshot('2026-03-10', 'signed_amount')
        self.assertEqual(len(signed), 1)
        self.assertEqual((signed.period_start, signed.period_end), (MONTH_START, MONTH_END))
        self.assertEqual([(line.rank, line.user_id.id, line.value) for line in signed.line_ids.sorted('rank')],
                         [(row['rank'], row['user_id'], row['value']) for row in self._ranking('signed_amount')])
        before = {line.user_id: (line.rank, line.value) for line in signed.line_ids}

        # sales_east2 signs a big contract: today's ranking changes, the first snapshot does not
        self._contract(self.sales_east2, 500000, '2026-03-10')
        self.assertFalse(Snapshot._take_snapshots(self.company, '2026-03-10'))
        signed.invalidate_cache()
        self.assertEqual({line.user_id: (line.rank, line.value) for line in signed.line_ids}, before)
        Snapshot._take_snapshots(self.company, '2026-03-11')
        later = self._snapshot('2026-03-11', 'signed_amount').line_ids
        self.assertEqual(later.filtered(lambda line: line.user_id == self.sales_east2).value, 550000.0)
        self.assertLess(later.filtered(lambda line: line.user_id == self.sales_east2).rank,
                        later.filtered(lambda line: line.user_id == self.sales_east).rank)
        self.assertEqual(before[self.sales_east2][1], 50000.0)
        # the leaderboard shows the latest snapshot by default (the demo's of today, if any, is later still)
        newest = self.env['sales.ranking.snapshot'].search([
            ('company_id', '=', self.company.id), ('metric', '=', 'signed_amount')],
            order='date desc, period_start desc, id desc', limit=1)
        self.assertGreaterEqual(newest.date, '2026-03-11')
        latest = self.env['sales.ranking.snapshot.line'].search([('is_latest', '=', True),
                                                                 ('company_id', '=', self.company.id),
                                                                 ('metric', '=', 'signed_amount')])
        self.assertEqual(latest, newest.line_ids)
        self.assertFalse(latest & signed.line_ids)
        self.assertFalse(self.env['sales.ranking.snapshot'].search([('id', '=', signed.id), ('is_latest', '=', True)]))

    def test_snapshots_read_only_for_everyone(self):
        snapshot = self.env['sales.ranking.snapshot']._take_snapshots(self.company, '2026-03-10')[0]
        line = snapshot.line_ids[0]
        value = line.value
        for record, vals in ((snapshot, {'date': '2026-03-09'}), (line, {'value': value + 1})):
            with self.assertRaises(UserError), self.cr.savepoint():
                record.write(vals)
            with self.assertRaises(UserError), self.cr.savepoint():
                record.unlink()
            with self.assertRaises(UserError), self.cr.savepoint():
                record.sudo(self.manager).write(vals)
        self.assertEqual((snapshot.date, line.value), ('2026-03-10', value))

    def test_everyone_in_sales_sees_the_leaderboard_of_their_company(self):
        self.env['sales.ranking.snapshot']._take_snapshots(self.company, '2026-03-10')
        domain = [('date', '=', '2026-03-10'), ('metric', '=', 'signed_amount'), ('company_id', '=', self.company.id)]
        Line = self.env['sales.ranking.snapshot.line']
        everyone = Line.search(domain)
        self.assertIn(self.sales_east2, everyone.mapped('user_id'))
        for user in (self.sales_east, self.sales_south, self.team_lead, self.manager):
            self.assertEqual(Line.sudo(user).search(domain), everyone)
        with self.assertRaises(AccessError):
            Line.sudo(self.sales_east).create({'snapshot_id': everyone[0].snapshot_id.id, 'rank': 1,
                                               'user_id': self.sales_east.id, 'value': 1e9})

    def test_cron_is_idempotent(self):
        Snapshot = self.env['sales.ranking.snapshot']
        Snapshot._cron_take_snapshots()
        Snapshot._cron_take_snapshots()
        today = fields.Date.context_today(Snapshot)
        for metric, _label in RANKING_METRICS:
            self.assertEqual(len(self._snapshot(today, metric)), 1, metric)

    def test_director_takes_rankings_now(self):
        Snapshot = self.env['sales.ranking.snapshot']
        with self.assertRaises(UserError):
            Snapshot.sudo(self.sales_east).action_take_snapshots()
        action = Snapshot.sudo(self.manager).action_take_snapshots()
        self.assertEqual(action['res_model'], 'sales.ranking.snapshot.line')
        self.assertEqual(len(self._snapshot(fields.Date.context_today(Snapshot), 'win_rate')), 1)

    def test_rankings_now_are_dated_the_directors_today(self):
        # 25 hours apart, so the two dates always differ; a call without tz in its context (RPC) falls
        # back to the user's time zone, and that must be the director's, not the superuser's
        self.manager.tz = 'Pacific/Kiritimati'
        self.env.ref('base.user_root').tz = 'Pacific/Pago_Pago'
        Snapshot = self.env['sales.ranking.snapshot'].sudo(self.manager).with_context(tz=False)
        Snapshot.action_take_snapshots()
        self.assertEqual(len(self._snapshot(fields.Date.context_today(Snapshot), 'win_rate')), 1)
        self.assertFalse(self._snapshot(fields.Date.context_today(Snapshot.sudo()), 'win_rate'))

    def test_demo_ranking_taken_at_install(self):
        if not self.env['ir.module.module'].search([('name', '=', 'sales_team_mgmt')]).demo:
            self.skipTest('no demo data')
        demo = self.env.ref('base.main_company')
        snapshots = self.env['sales.ranking.snapshot'].search([('company_id', '=', demo.id),
                                                               ('metric', '=', 'signed_amount')])
        self.assertTrue(snapshots, 'the demo takes the rankings of its install day')
        first = snapshots.sorted('id')[0]
        self.assertTrue(first.line_ids)
        self.assertEqual(first.line_ids.sorted('rank')[0].rank, 1)
