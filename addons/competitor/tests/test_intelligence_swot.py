from odoo.exceptions import AccessError

from .common import CompetitionCase


class TestIntelligenceAndSwot(CompetitionCase):
    """SWOT as four lists; intelligence seen on the competitor and the opportunity, as the opportunity;
    changed by its reporter, team leads and managers."""

    def test_swot_lists(self):
        Swot = self.env['crm.competitor.swot']
        for kind, text in (('strength', '品牌强'), ('weakness', '交期长'), ('opportunity', '国产替代'),
                           ('threat', '价格战'), ('strength', '渠道广')):
            Swot.sudo(self.team_lead).create({'competitor_id': self.rival_a.id, 'kind': kind, 'description': text})
        self.assertEqual(self.rival_a.strength_ids.mapped('description'), ['品牌强', '渠道广'])
        self.assertEqual(self.rival_a.weakness_ids.mapped('description'), ['交期长'])
        self.assertEqual(self.rival_a.swot_opportunity_ids.mapped('description'), ['国产替代'])
        self.assertEqual(self.rival_a.threat_ids.mapped('description'), ['价格战'])
        self.assertEqual(self.rival_a.sudo(self.salesperson).strength_ids.mapped('description'), ['品牌强', '渠道广'])
        with self.assertRaises(AccessError), self.cr.savepoint():
            Swot.sudo(self.salesperson).create({'competitor_id': self.rival_a.id, 'kind': 'threat',
                                                'description': '销售员不能改'})

    def test_intelligence_follows_the_opportunity(self):
        lead = self._opportunity(self.salesperson, '测试情报商机', 100000, [(self.rival_a, 90000)])
        Intelligence = self.env['crm.competitor.intelligence']
        about_deal = Intelligence.sudo(self.salesperson).create({
            'competitor_id': self.rival_a.id, 'summary': '竞品甲报价下调', 'lead_id': lead.id, 'source': 'customer'})
        general = Intelligence.sudo(self.colleague).create({
            'competitor_id': self.rival_a.id, 'summary': '竞品甲发布新品', 'source': 'exhibition'})
        self.assertEqual(about_deal.partner_id, self.customer, 'the customer comes from the opportunity')
        self.assertEqual(lead.competitor_intelligence_ids, about_deal)
        self.assertEqual(self.rival_a.intelligence_count, 2)
        # the colleague (another team) sees the general entry, not the one about 张伟's deal
        seen = Intelligence.sudo(self.colleague).search([('competitor_id', '=', self.rival_a.id)])
        self.assertEqual(seen, general)
        self.assertEqual(Intelligence.sudo(self.team_lead).search([('competitor_id', '=', self.rival_a.id)]),
                         about_deal | general)
        # only its reporter (and team leads, managers) change an entry
        with self.assertRaises(AccessError), self.cr.savepoint():
            general.sudo(self.salesperson).write({'summary': '改别人的情报'})
        general.sudo(self.team_lead).write({'summary': '竞品甲发布新一代伺服'})
        self.assertEqual(general.summary, '竞品甲发布新一代伺服')
