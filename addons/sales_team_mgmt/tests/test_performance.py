from .performance_common import MONTH_START, PerformanceCase

FIGURES = ['quota_target', 'signed_amount', 'quota_attainment', 'won_count', 'lost_count', 'win_rate', 'won_amount',
           'average_deal_size', 'invoiced_amount', 'collected_amount', 'collection_rate', 'sales_cycle_days',
           'promotion_days', 'company_promotion_days', 'promotion_ratio']


class TestPerformance(PerformanceCase):
    """Every figure of the performance view against a direct computation on the documents of one month."""

    def _row(self, user, as_user=None):
        Performance = self.env['sales.performance'].sudo(as_user) if as_user else self.env['sales.performance']
        return Performance.search([('user_id', '=', user.id), ('date', '=', MONTH_START),
                                   ('company_id', '=', self.company.id)])

    def test_figures_match_direct_computation(self):
        for user in (self.sales_east, self.sales_east2, self.sales_south):
            row = self._row(user)
            self.assertEqual(len(row), 1, 'one row per person and month')
            expected = self._expected(user)
            for name in FIGURES:
                self.assertAlmostEqual(row[name], expected[name] or 0.0, places=2,
                                       msg='%s of %s' % (name, user.name))

    def test_known_numbers(self):
        east = self._row(self.sales_east)
        # 2 of the 12 weights of 1,200,000 fall on March; 150,000 + 30,000 signed in March (not the draft)
        self.assertEqual((east.quota_target, east.signed_amount), (200000.0, 180000.0))
        self.assertAlmostEqual(east.quota_attainment, 90.0)
        self.assertEqual((east.won_count, east.lost_count, east.won_amount), (2, 1, 400000.0))
        self.assertAlmostEqual(east.win_rate, 200.0 / 3)
        self.assertAlmostEqual(east.average_deal_size, 200000.0)
        self.assertEqual((east.invoiced_amount, east.collected_amount), (75000.0, 30000.0))  # April's 20,000 not
        self.assertAlmostEqual(east.collection_rate, 40.0)
        self.assertAlmostEqual(east.sales_cycle_days, 8.5, places=1)  # 2+5+3 and 1+2+4 days
        # promotions of sales_east: 2, 5, 3, 1, 2, 4, 4 days (the loss is not a promotion)
        self.assertAlmostEqual(east.promotion_days, 3.0, places=1)
        east2 = self._row(self.sales_east2)
        self.assertEqual((east2.quota_target, east2.quota_attainment), (0.0, 0.0))  # no quota: no attainment
        self.assertEqual((east2.won_count, east2.lost_count, east2.signed_amount), (1, 3, 50000.0))
        self.assertAlmostEqual(east2.collection_rate, 100.0)
        self.assertEqual((east.department_id, east.region_id, east.team_id),
                         (self.department, self.region, self.team_east))
        self.assertEqual(self._row(self.sales_south).department_id, self.department)
        self.assertFalse(self._row(self.sales_south).region_id)
        # February's contract is in February's row
        february = self.env['sales.performance'].search([('user_id', '=', self.sales_east2.id),
                                                         ('date', '=', '2026-02-01')])
        self.assertEqual(february.signed_amount, 70000.0)

    def test_grouped_by_department_and_region(self):
        groups = self.env['sales.performance'].read_group(
            [('date', '=', MONTH_START), ('department_id', '=', self.department.id)],
            ['region_id', 'signed_amount', 'won_count'], ['region_id'])
        by_region = {group['region_id'] and group['region_id'][0]: group for group in groups}
        self.assertEqual(by_region[self.region.id]['signed_amount'], 230000.0)
        self.assertEqual(by_region[self.region.id]['won_count'], 3)
        self.assertEqual(by_region[False]['signed_amount'], 20000.0)

    def test_stage_where_each_loses_most(self):
        Loss = self.env['sales.performance.loss.stage']
        top = Loss.search([('user_id', '=', self.sales_east2.id), ('is_top_loss_stage', '=', True)])
        self.assertEqual(len(top), 1)
        # sales_east2 lost two opportunities from 报价 and one from 意向
        self.assertEqual((top.stage_id, top.lost_count, top.total_lost_count), (self.l_quote, 2, 3))
        self.assertAlmostEqual(top.lost_share, 200.0 / 3)
        other = Loss.search([('user_id', '=', self.sales_east2.id), ('is_top_loss_stage', '=', False)])
        self.assertEqual((other.stage_id, other.lost_count, other.loss_rank), (self.l_intent, 1, 2))
        top_east = Loss.search([('user_id', '=', self.sales_east.id), ('loss_rank', '=', 1)])
        self.assertEqual((top_east.stage_id, top_east.lost_share), (self.l_quote, 100.0))

    def test_each_sees_own_leaders_their_team_director_all(self):
        users = self.sales_east | self.sales_east2 | self.sales_south
        domain = [('date', '=', MONTH_START), ('user_id', 'in', users.ids)]
        Performance = self.env['sales.performance']
        self.assertEqual(Performance.sudo(self.sales_east).search(domain).mapped('user_id'), self.sales_east)
        self.assertEqual(Performance.sudo(self.sales_south).search(domain).mapped('user_id'), self.sales_south)
        self.assertEqual(Performance.sudo(self.team_lead).search(domain).mapped('user_id'),
                         self.sales_east | self.sales_east2)
        self.assertEqual(Performance.sudo(self.manager).search(domain).mapped('user_id'), users)
        Loss = self.env['sales.performance.loss.stage']
        loss_domain = [('user_id', 'in', users.ids)]
        self.assertEqual(Loss.sudo(self.sales_east2).search(loss_domain).mapped('user_id'), self.sales_east2)
        self.assertEqual(Loss.sudo(self.team_lead).search(loss_domain).mapped('user_id'),
                         self.sales_east | self.sales_east2)
        self.assertEqual(Loss.sudo(self.manager).search(loss_domain).mapped('user_id'), users)
        # a salesperson reads the figures of their own row only
        self.assertEqual(self._row(self.sales_east, as_user=self.sales_east).signed_amount, 180000.0)
        self.assertFalse(self._row(self.sales_east2, as_user=self.sales_east))
