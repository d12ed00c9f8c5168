from datetime import timedelta

from odoo import fields
from odoo.addons.crm_lifecycle.tests.common import create_user
from odoo.tests.common import SavepointCase

AGENT = 'aftersales_returns.group_aftersales_user'
MANAGER = 'aftersales_returns.group_aftersales_manager'
SALESMAN = 'sales_team.group_sale_salesman'


class TicketCase(SavepointCase):
    """Two after-sales teams (East China: two agents; South China: one) led by a manager, ticket types of
    their own, a Monday-Friday 8-17 calendar read in Beijing time, and two customers: one in Jiangsu
    (East China) owned by a salesperson, one in Guangdong (South China) owned by another."""

    @classmethod
    def setUpClass(cls):
        super(TicketCase, cls).setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang='en_US', tracking_disable=True))
        # the demo's teams take every type: out of the way of the assignment tests
        cls.env['aftersales.team'].search([]).write({'active': False})
        cls.agent = create_user(cls.env, 'test_ticket_agent', '测试售后专员甲', [AGENT])
        cls.agent2 = create_user(cls.env, 'test_ticket_agent2', '测试售后专员乙', [AGENT])
        cls.agent_south = create_user(cls.env, 'test_ticket_agent_south', '测试售后专员丙', [AGENT])
        cls.manager = create_user(cls.env, 'test_ticket_manager', '测试售后经理', [MANAGER])
        cls.salesperson = create_user(cls.env, 'test_ticket_sales', '测试销售员', [SALESMAN])
        cls.other_salesperson = create_user(cls.env, 'test_ticket_sales2', '测试销售员乙', [SALESMAN])
        cls.region_east = cls.env.ref('crm_lifecycle.customer_region_hd')
        cls.region_south = cls.env.ref('crm_lifecycle.customer_region_hn')
        cls.type_repair = cls.env['aftersales.ticket.type'].create(
            {'name': '测试维修', 'assignment_method': 'region'})
        cls.type_consult = cls.env['aftersales.ticket.type'].create(
            {'name': '测试咨询', 'assignment_method': 'balanced'})
        cls.type_manual = cls.env['aftersales.ticket.type'].create(
            {'name': '测试手工分派', 'assignment_method': 'manual'})
        cls.team_east = cls.env['aftersales.team'].create({
            'name': '测试华东组', 'user_id': cls.manager.id,
            'member_ids': [(6, 0, (cls.agent | cls.agent2).ids)], 'region_ids': [(6, 0, cls.region_east.ids)]})
        cls.team_south = cls.env['aftersales.team'].create({
            'name': '测试华南组', 'user_id': cls.manager.id,
            'member_ids': [(6, 0, cls.agent_south.ids)], 'region_ids': [(6, 0, cls.region_south.ids)]})
        cls.calendar = cls.env['resource.calendar'].create({
            'name': '测试工作时间 8-17',
            'attendance_ids': [(0, 0, {'name': 'Day %d' % day, 'dayofweek': str(day), 'hour_from': 8,
                                       'hour_to': 17}) for day in range(5)],
        })
        cls.sla_repair = cls._sla(cls.type_repair, response=4, resolution=16)
        cls.sla_consult = cls._sla(cls.type_consult, response=2, resolution=8)
        cls.customer_east = cls.env['res.partner'].create({
            'name': '测试江苏客户有限公司', 'is_company': True, 'customer': True, 'user_id': cls.salesperson.id,
            'state_id': cls.region_east.state_ids.filtered(lambda state: state.code == '苏').id})
        cls.customer_south = cls.env['res.partner'].create({
            'name': '测试广东客户有限公司', 'is_company': True, 'customer': True,
            'user_id': cls.other_salesperson.id,
            'state_id': cls.region_south.state_ids.filtered(lambda state: state.code == '粤').id})

    @classmethod
    def _sla(cls, ticket_type, response, resolution, **values):
        return cls.env['aftersales.sla'].create(dict({
            'type_id': ticket_type.id, 'response_hours': response, 'resolution_hours': resolution,
            'calendar_id': cls.calendar.id, 'tz': 'Asia/Shanghai'}, **values))

    def _ticket(self, user=None, customer=None, ticket_type=None, **values):
        vals = {
            'title': '测试设备故障',
            'partner_id': (customer or self.customer_east).id,
            'type_id': (ticket_type or self.type_manual).id,
        }
        vals.update(values)
        return self.env['aftersales.ticket'].sudo(user or self.agent).create(vals)

    @staticmethod
    def _days_ago(days):
        return fields.Datetime.to_string(fields.Datetime.from_string(fields.Datetime.now()) - timedelta(days=days))
