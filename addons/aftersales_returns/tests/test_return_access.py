from odoo.exceptions import AccessError

from odoo.addons.crm_lifecycle.tests.common import create_user
from .common import ReturnCase


class TestReturnAccess(ReturnCase):

    @classmethod
    def setUpClass(cls):
        super(TestReturnAccess, cls).setUpClass()
        cls.teammate = create_user(cls.env, 'test_return_agent2', '测试售后专员乙',
                                   ['aftersales_returns.group_aftersales_user'])
        cls.outsider = create_user(cls.env, 'test_return_agent3', '测试售后专员丙',
                                   ['aftersales_returns.group_aftersales_user'])
        cls.env['crm.team'].create({'name': '测试售后一组', 'member_ids': [(6, 0, [cls.agent.id, cls.teammate.id])]})
        cls.owner = create_user(cls.env, 'test_return_owner', '测试客户负责人', ['sales_team.group_sale_salesman'])
        cls.customer.user_id = cls.owner
        other_company = cls.env['res.company'].create({'name': '测试分公司'})
        cls.foreign_manager = create_user(cls.env, 'test_return_manager_other', '测试分公司售后经理',
                                          ['aftersales_returns.group_aftersales_manager'],
                                          company_id=other_company.id, company_ids=[(6, 0, other_company.ids)])

    def _visible(self, user, request):
        return bool(self.env['aftersales.return'].sudo(user).search([('id', '=', request.id)]))

    def test_agents_see_their_own_and_their_teams(self):
        own = self._return(1)
        self.assertEqual(own.team_id.member_ids, self.agent | self.teammate, "the responsible's team")
        self.assertTrue(self._visible(self.agent, own))
        self.assertTrue(self._visible(self.teammate, own), 'same team')
        self.assertFalse(self._visible(self.outsider, own), 'another agent outside the team')
        with self.assertRaises(AccessError), self.cr.savepoint():
            own.sudo(self.outsider).write({'description': '不是我的'})
        with self.assertRaises(AccessError), self.cr.savepoint():
            own.sudo(self.outsider).line_ids.read(['quantity'])
        outsiders = self._return(1, user=self.outsider)
        self.assertFalse(self._visible(self.agent, outsiders))
        self.assertTrue(self._visible(self.aftersales_manager, own))
        self.assertTrue(self._visible(self.aftersales_manager, outsiders), 'managers see all')

    def test_salespeople_read_their_customers_returns(self):
        request = self._return(1)
        self.assertTrue(self._visible(self.salesperson, request), 'his order')
        self.assertTrue(self._visible(self.owner, request), 'his customer')
        self.assertFalse(self._visible(self.other_salesperson, request))
        self.assertEqual(request.sudo(self.owner).line_ids.quantity, 1)
        with self.assertRaises(AccessError), self.cr.savepoint():
            request.sudo(self.owner).write({'priority': '3'})
        # the 360° view of the customer lists what the user may read
        self.assertEqual(self.customer.sudo(self.owner).return_ids, request)
        self.assertEqual(self.customer.sudo(self.aftersales_manager).return_count, 1)

    def test_other_company_sees_nothing(self):
        request = self._return(1)
        self.assertFalse(self._visible(self.foreign_manager, request))
        self.assertFalse(self.env['aftersales.return.report'].sudo(self.foreign_manager).search(
            [('return_id', '=', request.id)]))

    def test_report_follows_the_same_rules(self):
        request = self._return(2)
        outsiders = self._return(1, user=self.outsider)
        Report = self.env['aftersales.return.report']
        self.assertEqual(Report.sudo(self.agent).search([]).mapped('return_id'), request)
        self.assertEqual(len(Report.sudo(self.aftersales_manager).search([]).mapped('return_id')),
                         len(self.env['aftersales.return'].search([])))
        self.assertEqual(Report.sudo(self.owner).search([]).mapped('return_id'), request | outsiders,
                         'both are of his customer')
        self.assertFalse(Report.sudo(self.other_salesperson).search([]))
