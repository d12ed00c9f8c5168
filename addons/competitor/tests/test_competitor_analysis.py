import xlrd

from .common import CompetitionCase


class TestCompetitorAnalysis(CompetitionCase):
    """The win/loss by competitor, the amount lost to each and the price gaps agree with a computation by
    hand on four known deals; the monitoring report shows the SWOT, the intelligence and the deals."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.won_with_a = cls._opportunity(cls.salesperson, '测试甲在赢单', 100000, [(cls.rival_a, 95000)])
        cls.won_with_a.action_set_won()
        cls.lost_to_a = cls._opportunity(cls.salesperson, '测试输给甲', 200000,
                                         [(cls.rival_a, 170000), (cls.rival_b, 190000)])
        cls.lost_to_a.action_set_lost_to(cls.rival_a, 160000, cls.reason_price)
        cls.lost_to_b = cls._opportunity(cls.salesperson, '测试输给乙', 400000, [(cls.rival_b, 300000)])
        cls.lost_to_b.action_set_lost_to(cls.rival_b, 320000, cls.reason_price)
        cls.won_alone = cls._opportunity(cls.salesperson, '测试无对手赢单', 50000)
        cls.won_alone.action_set_won()
        cls.still_open = cls._opportunity(cls.salesperson, '测试进行中', 80000, [(cls.rival_a, 70000)])

    def test_win_rate_present_and_absent(self):
        rows = {row.competitor_id: row for row in self.env['crm.competitor.winloss.report'].search(
            [('company_id', '=', self.company.id), ('competitor_id', 'in', (self.rival_a | self.rival_b).ids)])}
        a, b = rows[self.rival_a], rows[self.rival_b]
        # with 甲: won 1 (won_with_a) of 2 (+ lost_to_a); without 甲: won 1 (won_alone) of 2 (+ lost_to_b)
        self.assertEqual((a.present_count, a.present_won_count, a.absent_count, a.absent_won_count), (2, 1, 2, 1))
        self.assertAlmostEqual(a.present_win_rate, 50.0)
        self.assertEqual((a.lost_to_count, a.amount_lost_to), (1, 200000))
        # with 乙: lost both (lost_to_a, lost_to_b); without: won both
        self.assertEqual((b.present_count, b.present_won_count, b.absent_count, b.absent_won_count), (2, 0, 2, 2))
        self.assertAlmostEqual(b.absent_win_rate, 100.0)
        self.assertEqual(b.amount_lost_to, 400000)

    def test_deals_lost_and_price_gap(self):
        Deal = self.env['crm.competitor.deal.report'].sudo(self.team_lead)
        lost = Deal.search([('company_id', '=', self.company.id), ('lost_to_count', '=', 1)])
        self.assertEqual({(row.competitor_id, row.our_price, row.their_price, row.price_gap) for row in lost}, {
            (self.rival_a, 200000, 160000, 40000), (self.rival_b, 400000, 320000, 80000)})
        self.assertAlmostEqual(lost.filtered(lambda row: row.competitor_id == self.rival_a).price_gap_percent, 25.0)
        groups = Deal.read_group([('company_id', '=', self.company.id), ('outcome', '!=', 'open')],
                                 ['competitor_id', 'win_rate', 'amount_lost_to', 'deal_count'], ['competitor_id'])
        by_rival = {group['competitor_id'][0]: group for group in groups}
        self.assertAlmostEqual(by_rival[self.rival_a.id]['win_rate'], 50.0)
        self.assertEqual(by_rival[self.rival_b.id]['amount_lost_to'], 400000)
        # opportunities per competitor, lost ones included, from the competitor
        action = self.rival_a.sudo(self.team_lead).action_view_opportunities()
        found = self.env['crm.lead'].sudo(self.team_lead).with_context(action['context']).search(action['domain'])
        self.assertEqual(found, self.won_with_a | self.lost_to_a | self.still_open)

    def test_monitoring_report(self):
        self.env['crm.competitor.swot'].create({'competitor_id': self.rival_a.id, 'kind': 'weakness',
                                                'description': '测试交期太长'})
        self.env['crm.competitor.intelligence'].sudo(self.salesperson).create({
            'competitor_id': self.rival_a.id, 'summary': '测试甲降价', 'lead_id': self.still_open.id})
        html = self.env.ref('competitor.crm_competitor_monitoring_report').sudo(self.team_lead).render_qweb_html(
            self.rival_a.ids)[0].decode()
        for text in ('测试竞品甲', '测试交期太长', '测试甲降价', '测试输给甲'):
            self.assertIn(text, html)
        content, file_type = self.env.ref('competitor.crm_competitor_monitoring_xlsx').sudo(self.team_lead).render(
            self.rival_a.ids)
        self.assertEqual(file_type, 'xlsx')
        sheet = xlrd.open_workbook(file_contents=content).sheet_by_index(0)
        cells = [cell.value for row in range(sheet.nrows) for cell in sheet.row(row)]
        for text in ('测试竞品甲', '测试交期太长', '测试甲降价', '测试输给甲'):
            self.assertIn(text, cells)
