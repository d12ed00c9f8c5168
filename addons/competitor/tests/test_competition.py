from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests.common import SavepointCase


class TestCompetition(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Users = cls.env['res.users'].with_context(no_reset_password=True)

        def user(login, name, group):
            return Users.create({'name': name, 'login': login, 'email': '%s@example.cn' % login,
                                 'groups_id': [(6, 0, [cls.env.ref(group).id])]})
        cls.salesperson = user('test_competitor_sales', '测试销售甲', 'sales_team.group_sale_salesman')
        cls.colleague = user('test_competitor_colleague', '测试销售乙', 'sales_team.group_sale_salesman')
        cls.team_lead = user('test_competitor_lead', '测试主管', 'sales_team.group_sale_salesman_all_leads')
        cls.team = cls.env['crm.team'].create({
            'name': '测试竞争团队', 'user_id': cls.team_lead.id,
            'member_ids': [(6, 0, (cls.salesperson | cls.colleague | cls.team_lead).ids)]})
        (cls.salesperson | cls.colleague | cls.team_lead).write({'sale_team_id': cls.team.id})

        Partner = cls.env['res.partner']
        cls.customer = Partner.create({'name': '测试客户有限公司', 'is_company': True, 'customer': True})
        cls.rival_a = cls.env['crm.competitor'].create({
            'partner_id': Partner.create({'name': '竞品甲有限公司', 'is_company': True}).id, 'threat_level': 'high'})
        cls.rival_b = cls.env['crm.competitor'].create({
            'partner_id': Partner.create({'name': '竞品乙有限公司', 'is_company': True}).id})
        cls.unused_rival = cls.env['crm.competitor'].create({
            'partner_id': Partner.create({'name': '竞品丙有限公司', 'is_company': True}).id})

        cls.opportunity = cls._create_opportunity(cls.salesperson, '产线改造')
        cls.colleague_opportunity = cls._create_opportunity(cls.colleague, '仓库扩建')

    @classmethod
    def _create_opportunity(cls, user, name):
        return cls.env['crm.lead'].sudo(user).create({
            'name': name, 'type': 'opportunity', 'partner_id': cls.customer.id, 'planned_revenue': 100000,
            'competitor_line_ids': [
                (0, 0, {'competitor_id': cls.rival_a.id, 'bid_price': 95000}),
                (0, 0, {'competitor_id': cls.rival_b.id, 'bid_price': 88000}),
            ]})

    def test_won_eliminates_all_competitors(self):
        self.opportunity.action_set_won()
        self.assertEqual(self.opportunity.probability, 100)
        self.assertEqual(set(self.opportunity.competitor_line_ids.mapped('status')), {'eliminated'})

    def test_only_one_winner(self):
        line_a, line_b = self.opportunity.sudo(self.salesperson).competitor_line_ids
        line_a.write({'status': 'winner'})
        with self.assertRaises(ValidationError), self.cr.savepoint():
            line_b.write({'status': 'winner'})
        self.assertEqual(line_b.status, 'active')

    def test_no_winner_on_a_won_opportunity(self):
        opportunity = self.opportunity.sudo(self.salesperson)
        opportunity.action_set_won()
        with self.assertRaises(ValidationError), self.cr.savepoint():
            opportunity.competitor_line_ids[0].write({'status': 'winner'})

    def test_competitor_with_bids_is_archived_not_deleted(self):
        rival = self.rival_a.sudo(self.team_lead)
        with self.assertRaises(UserError), self.cr.savepoint():
            rival.unlink()
        self.assertTrue(rival.exists())
        rival.toggle_active()
        self.assertFalse(rival.active)
        self.unused_rival.unlink()
        self.assertFalse(self.unused_rival.exists())

    def test_salesperson_sees_only_his_opportunities_bids(self):
        Line = self.env['crm.lead.competitor'].sudo(self.salesperson)
        visible = Line.search([('competitor_id', '=', self.rival_a.id)])
        self.assertEqual(visible.mapped('lead_id'), self.opportunity)
        colleague_lines = self.colleague_opportunity.competitor_line_ids
        with self.assertRaises(AccessError):
            colleague_lines.sudo(self.salesperson).read(['bid_price'])
        self.assertEqual(self.rival_a.sudo(self.salesperson).opportunity_count, 1)
        self.assertEqual(self.rival_a.sudo(self.team_lead).opportunity_count, 2)

    def test_salesperson_cannot_edit_competitor_master_data(self):
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.rival_a.sudo(self.salesperson).write({'threat_level': 'low'})
        self.rival_a.sudo(self.team_lead).write({'threat_level': 'low'})
        self.assertEqual(self.rival_a.threat_level, 'low')
