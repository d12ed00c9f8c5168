from odoo.addons.crm_lifecycle.tests.common import create_user
from odoo.tests.common import SavepointCase


class CompetitionCase(SavepointCase):
    """A company of its own (so that the analyses count only the opportunities made here), a team with its
    lead, two salespeople, a customer and two competitors of that company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang='en_US'))
        cls.company = cls.env['res.company'].create({'name': '测试竞争分析贸易有限公司'})
        company = {'company_id': cls.company.id, 'company_ids': [(6, 0, cls.company.ids)]}
        cls.salesperson = create_user(cls.env, 'test_comp_sales', '测试竞争张伟', ['sales_team.group_sale_salesman'],
                                      **company)
        cls.colleague = create_user(cls.env, 'test_comp_colleague', '测试竞争李娜', ['sales_team.group_sale_salesman'],
                                    **company)
        cls.team_lead = create_user(cls.env, 'test_comp_lead', '测试竞争刘洋',
                                    ['sales_team.group_sale_salesman_all_leads'], **company)
        cls.team = cls.env['crm.team'].create({
            'name': '测试竞争华东组', 'user_id': cls.team_lead.id, 'company_id': cls.company.id,
            'member_ids': [(6, 0, (cls.salesperson | cls.team_lead).ids)]})
        (cls.salesperson | cls.team_lead).write({'sale_team_id': cls.team.id})
        Partner = cls.env['res.partner']
        cls.customer = Partner.create({'name': '测试竞争客户有限公司', 'is_company': True, 'customer': True,
                                       'company_id': cls.company.id, 'user_id': cls.salesperson.id})
        Competitor = cls.env['crm.competitor']
        cls.rival_a = Competitor.create({'partner_id': Partner.create({'name': '测试竞品甲', 'is_company': True}).id,
                                         'company_id': cls.company.id})
        cls.rival_b = Competitor.create({'partner_id': Partner.create({'name': '测试竞品乙', 'is_company': True}).id,
                                         'company_id': cls.company.id})
        Reason = cls.env['crm.lost.reason']
        cls.reason_price = Reason.create({'name': '测试价格太高'})
        cls.reason_cancelled = Reason.create({'name': '测试项目取消', 'competitor_wins': False})

    @classmethod
    def _opportunity(cls, user, name, amount, bids=()):
        """An opportunity of ``user`` with the competitors and prices of ``bids``."""
        return cls.env['crm.lead'].sudo(user).create({
            'name': name, 'type': 'opportunity', 'partner_id': cls.customer.id, 'planned_revenue': amount,
            'team_id': cls.team.id, 'company_id': cls.company.id,
            'competitor_line_ids': [(0, 0, {'competitor_id': rival.id, 'bid_price': price}) for rival, price in bids]})
