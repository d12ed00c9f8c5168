"""A small sales organisation and two sales methods built by the tests themselves (not the demo's),
so that the tests hold with or without demo data."""
from odoo.addons.crm_lifecycle.tests.common import create_user
from odoo.tests.common import SavepointCase


class FunnelCase(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang='en_US', tracking_disable=False))
        cls.company = cls.env.ref('base.main_company')
        Team = cls.env['crm.team']
        cls.team_east = Team.create({'name': '测试漏斗华东组', 'company_id': cls.company.id})
        cls.team_south = Team.create({'name': '测试漏斗华南组', 'company_id': cls.company.id})
        company = {'company_id': cls.company.id, 'company_ids': [(6, 0, cls.company.ids)]}
        salesman = ['sales_team.group_sale_salesman']
        cls.sales_east = create_user(cls.env, 'test_funnel_east', '测试漏斗张伟', salesman,
                                     sale_team_id=cls.team_east.id, **company)
        cls.sales_east2 = create_user(cls.env, 'test_funnel_east2', '测试漏斗赵敏', salesman,
                                      sale_team_id=cls.team_east.id, **company)
        cls.sales_south = create_user(cls.env, 'test_funnel_south', '测试漏斗李娜', salesman,
                                      sale_team_id=cls.team_south.id, **company)
        cls.team_lead = create_user(cls.env, 'test_funnel_lead', '测试漏斗刘洋',
                                    ['sales_team.group_sale_salesman_all_leads'],
                                    sale_team_id=cls.team_east.id, **company)
        cls.team_east.write({'user_id': cls.team_lead.id,
                             'member_ids': [(6, 0, (cls.sales_east | cls.sales_east2 | cls.team_lead).ids)]})
        cls.team_south.write({'member_ids': [(6, 0, cls.sales_south.ids)]})
        cls.manager = create_user(cls.env, 'test_funnel_manager', '测试漏斗陈静', ['sales_team.group_sale_manager'],
                                  **company)
        cls.customer = cls.env['res.partner'].create({
            'name': '测试漏斗金陵机电有限公司', 'is_company': True, 'customer': True, 'user_id': cls.sales_east.id})

        Type = cls.env['crm.opportunity.type']
        cls.type_project = Type.create({'name': '测试新项目', 'company_id': cls.company.id})
        cls.type_upsell = Type.create({'name': '测试增购', 'company_id': cls.company.id})
        Method = cls.env['crm.sales.method']
        cls.strict = Method.create({'name': '测试项目型', 'control_mode': 'strict', 'auto_advance': True,
                                    'company_id': cls.company.id,
                                    'opportunity_type_ids': [(6, 0, cls.type_project.ids)]})
        cls.loose = Method.create({'name': '测试快速型', 'control_mode': 'loose', 'company_id': cls.company.id,
                                   'opportunity_type_ids': [(6, 0, cls.type_upsell.ids)]})
        cls.s_contact, cls.s_analysis, cls.s_proposal, cls.s_won = cls._stages(
            cls.strict, [('接洽', 10, 14), ('需求', 30, 21), ('方案', 60, 30), ('赢单', 100, 0)])
        cls.l_intent, cls.l_quote, cls.l_signing, cls.l_won = cls._stages(
            cls.loose, [('意向', 30, 7), ('报价', 60, 14), ('签约', 85, 14), ('成交', 100, 0)])
        Template = cls.env['crm.stage.task.template']
        cls.t_process = Template.create({'stage_id': cls.s_contact.id, 'name': '确认采购流程', 'required': True})
        cls.t_team = Template.create({'stage_id': cls.s_contact.id, 'name': '录入决策链', 'required': False})
        cls.t_visit = Template.create({'stage_id': cls.s_analysis.id, 'name': '现场调研', 'required': True})
        cls.t_confirm = Template.create({'stage_id': cls.s_analysis.id, 'name': '需求确认', 'required': True,
                                         'requires_document': True, 'document_name': '需求确认书'})
        cls.t_quote = Template.create({'stage_id': cls.l_quote.id, 'name': '发送报价单', 'required': True})

    @classmethod
    def _stages(cls, method, specs):
        Stage = cls.env['crm.stage']
        return [Stage.create({'name': name, 'sequence': 900 + index, 'probability': probability, 'on_change': True,
                              'max_days': max_days, 'sales_method_id': method.id})
                for index, (name, probability, max_days) in enumerate(specs)]

    def _opportunity(self, user, opportunity_type, name='测试漏斗商机', **values):
        vals = {'name': name, 'type': 'opportunity', 'partner_id': self.customer.id,
                'opportunity_type_id': opportunity_type.id, 'planned_revenue': 100000}
        vals.update(values)
        return self.env['crm.lead'].sudo(user).create(vals)
