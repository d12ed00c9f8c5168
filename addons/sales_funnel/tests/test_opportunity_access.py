from odoo.exceptions import AccessError

from .common import FunnelCase


class TestOpportunityAccess(FunnelCase):
    """Salesperson: own, unassigned and collaborated opportunities (the last read-only); team lead: his
    team's; manager: all; per company. The records of an opportunity (tasks, history, products,
    collaborators) follow it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_company = cls.env['res.company'].create({'name': '测试漏斗深圳进出口有限公司'})
        cls.sales_other = cls.env['res.users'].with_context(no_reset_password=True).create({
            'name': '测试漏斗深圳销售', 'login': 'test_funnel_sz', 'email': 'test_funnel_sz@example.cn',
            'company_id': cls.other_company.id, 'company_ids': [(6, 0, cls.other_company.ids)],
            'groups_id': [(6, 0, [cls.env.ref('base.group_user').id,
                                  cls.env.ref('sales_team.group_sale_salesman').id])]})
        Lead = cls.env['crm.lead']

        def opportunity(name, user, team, company=None):
            return Lead.create({'name': name, 'type': 'opportunity', 'user_id': user.id if user else False,
                                'team_id': team.id if team else False, 'opportunity_type_id': cls.type_upsell.id,
                                'company_id': (company or cls.company).id})
        cls.own = opportunity('测试权限 张伟的商机', cls.sales_east, cls.team_east)
        cls.colleague = opportunity('测试权限 赵敏的商机', cls.sales_east2, cls.team_east)
        cls.south = opportunity('测试权限 李娜的商机', cls.sales_south, cls.team_south)
        cls.unassigned = opportunity('测试权限 待领用商机', None, None)
        cls.other = opportunity('测试权限 深圳商机', cls.sales_other, None, cls.other_company)
        cls.all = cls.own | cls.colleague | cls.south | cls.unassigned | cls.other
        cls.env['crm.lead.collaborator'].create({'lead_id': cls.south.id, 'user_id': cls.sales_east.id,
                                                 'role': 'presales'})

    def _visible(self, user, model='crm.lead', field='id'):
        records = self.env[model].sudo(user).search([(field, 'in', self.all.ids)])
        return self.all.browse(records.mapped(field).ids if field != 'id' else records.ids)

    def test_who_sees_which(self):
        self.assertEqual(self._visible(self.sales_east), self.own | self.unassigned | self.south)
        self.assertEqual(self._visible(self.sales_east2), self.colleague | self.unassigned)
        self.assertEqual(self._visible(self.team_lead), self.own | self.colleague | self.unassigned)
        self.assertEqual(self._visible(self.manager), self.all - self.other, 'not another company')
        self.assertEqual(self._visible(self.sales_other), self.other)

    def test_collaborator_reads_and_logs_but_does_not_change(self):
        as_collaborator = self.south.sudo(self.sales_east)
        self.assertEqual(as_collaborator.name, '测试权限 李娜的商机')
        as_collaborator.message_post(body='现场调研已安排', message_type='comment', subtype='mail.mt_note')
        self.assertIn('现场调研已安排', self.south.message_ids[0].body)
        with self.assertRaises(AccessError):
            as_collaborator.write({'planned_revenue': 1})
        with self.assertRaises(AccessError):
            self.env['crm.lead.collaborator'].sudo(self.sales_east).create(
                {'lead_id': self.south.id, 'user_id': self.sales_east2.id})

    def test_records_follow_their_opportunity(self):
        self.assertEqual(self._visible(self.sales_east2, 'crm.lead.stage.history', 'lead_id'),
                         self.colleague | self.unassigned)
        self.assertEqual(self._visible(self.team_lead, 'crm.lead.stage.history', 'lead_id'),
                         self.own | self.colleague | self.unassigned)
        self.assertEqual(self._visible(self.sales_east, 'crm.lead.collaborator', 'lead_id'), self.south)
        with self.assertRaises(AccessError):
            self.env['crm.lead.stage.task'].sudo(self.sales_east2).create(
                {'lead_id': self.south.id, 'stage_id': self.l_intent.id, 'name': '别人的商机'})

    def test_team_lead_changes_team_not_others(self):
        self.colleague.sudo(self.team_lead).write({'priority': '2'})
        with self.assertRaises(AccessError):
            self.south.sudo(self.team_lead).write({'priority': '2'})
