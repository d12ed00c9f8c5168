import psycopg2
from lxml import html

from odoo.exceptions import AccessError, ValidationError
from odoo.tools import mute_logger

from .common import FunnelCase


class TestDecisionTeam(FunnelCase):
    """The decision team (决策链) of an opportunity: members with role, attitude, influence and a reporting
    line inside the same team, shown as a tree; kept by who may change the opportunity, read by its
    collaboration team."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env['res.partner']

        def contact(name, function):
            return Partner.create({'name': name, 'function': function, 'parent_id': cls.customer.id})
        cls.boss = contact('测试决策钱志远', '总经理')
        cls.cto = contact('测试决策许文斌', '技术副总')
        cls.engineer = contact('测试决策孙丽华', '设备科科长')
        cls.finance = contact('测试决策陆美华', '财务总监')

    def setUp(self):
        super().setUp()
        self.lead = self._opportunity(self.sales_east, self.type_project, name='测试决策链商机')

    def _member(self, partner, user=None, lead=None, **values):
        vals = {'lead_id': (lead or self.lead).id, 'partner_id': partner.id}
        vals.update(values)
        return self.env['crm.lead.decision.member'].sudo(user or self.sales_east).create(vals)

    def _hierarchy(self):
        boss = self._member(self.boss, role='decision_maker', attitude='neutral', power=5, sequence=1)
        cto = self._member(self.cto, role='technical', attitude='supporter', power=4, parent_id=boss.id, sequence=2)
        engineer = self._member(self.engineer, role='coach', attitude='supporter', power=3, parent_id=cto.id,
                                sequence=3)
        finance = self._member(self.finance, role='finance', attitude='opponent', power=4, parent_id=boss.id,
                               sequence=4)
        return boss, cto, engineer, finance

    @staticmethod
    def _names(ul):
        return [li.find('strong').text for li in ul.findall('li')] if ul is not None else []

    def test_members_shown_as_tree_by_reporting_line(self):
        boss, cto, engineer, finance = self._hierarchy()
        lead = self.lead  # as the owner
        self.assertEqual(lead.decision_member_ids, boss | cto | engineer | finance)
        self.assertEqual(boss.child_ids, cto | finance)
        self.assertEqual((lead.decision_supporter_count, lead.decision_opponent_count), (2, 1))

        tree = html.fromstring('<div>%s</div>' % lead.decision_tree_html)
        roots = tree.find('ul')
        self.assertEqual(self._names(roots), ['测试决策钱志远'], 'only the member without superior is a root')
        boss_item = roots.find('li')
        self.assertIn('Decision Maker', boss_item.text_content())
        self.assertIn('Influence 5/5', boss_item.text_content())
        self.assertEqual(self._names(boss_item.find('ul')), ['测试决策许文斌', '测试决策陆美华'])
        cto_item, finance_item = boss_item.find('ul').findall('li')
        self.assertEqual(self._names(cto_item.find('ul')), ['测试决策孙丽华'], 'third level')
        self.assertIsNone(finance_item.find('ul'))
        self.assertIn('label-danger', html.tostring(finance_item).decode(), 'an opponent stands out')
        self.assertIn('Opponent', finance_item.text_content())

    def test_names_are_escaped_in_the_tree(self):
        intruder = self.env['res.partner'].create({'name': '<img src=x onerror=alert(1)>测试决策王工',
                                                   'parent_id': self.customer.id})
        self._member(intruder)
        tree_html = self.lead.decision_tree_html
        self.assertIn('&lt;img src=x onerror=alert(1)&gt;测试决策王工', tree_html)
        self.assertFalse(html.fromstring('<div>%s</div>' % tree_html).findall('.//img'))

    def test_reporting_line_stays_in_the_team_without_cycles(self):
        boss, cto, engineer, _finance = self._hierarchy()
        with self.assertRaisesRegex(ValidationError, 'circle'), self.cr.savepoint():
            boss.write({'parent_id': engineer.id})
        with self.assertRaisesRegex(ValidationError, 'circle'), self.cr.savepoint():
            cto.write({'parent_id': cto.id})
        other_lead = self._opportunity(self.sales_east, self.type_project, name='测试决策链另一个商机')
        foreign = self._member(self.boss, lead=other_lead)
        with self.assertRaisesRegex(ValidationError, 'same decision team'), self.cr.savepoint():
            engineer.write({'parent_id': foreign.id})
        with self.assertRaisesRegex(ValidationError, 'same decision team'), self.cr.savepoint():
            self._member(self.cto, lead=other_lead, parent_id=boss.id)
        boss.invalidate_cache()
        self.assertFalse(boss.parent_id)
        self.assertEqual(engineer.parent_id, cto)
        self.assertEqual(other_lead.decision_member_ids, foreign)

    def test_influence_between_one_and_five(self):
        for power in (0, 6, -1):
            with self.assertRaisesRegex(ValidationError, 'between 1 and 5'), self.cr.savepoint():
                self._member(self.boss, power=power)
        member = self._member(self.boss, power=5)
        with self.assertRaisesRegex(ValidationError, 'between 1 and 5'), self.cr.savepoint():
            member.write({'power': 9})
        member.invalidate_cache()
        self.assertEqual(member.power, 5)

    def test_a_contact_once_and_people_only(self):
        self._member(self.boss)
        with self.assertRaises(psycopg2.IntegrityError), mute_logger('odoo.sql_db'), self.cr.savepoint():
            self._member(self.boss, role='finance')
        with self.assertRaisesRegex(ValidationError, 'is a company'), self.cr.savepoint():
            self._member(self.customer)
        self.assertEqual(self.lead.decision_member_ids.mapped('partner_id'), self.boss)
        # the same person may be in the team of another opportunity
        other_lead = self._opportunity(self.sales_east, self.type_project, name='测试决策链另一个商机')
        self.assertTrue(self._member(self.boss, lead=other_lead))

    def test_collaborators_read_others_do_not_see(self):
        boss, cto, engineer, finance = self._hierarchy()
        self.lead.action_share(self.sales_south, 'presales')
        as_collaborator = self.lead.sudo(self.sales_south)
        self.assertEqual(as_collaborator.decision_member_ids, boss | cto | engineer | finance)
        self.assertIn('测试决策孙丽华', as_collaborator.decision_tree_html)
        with self.assertRaises(AccessError), self.cr.savepoint():
            self._member(self.env['res.partner'].create({'name': '测试决策周建国', 'parent_id': self.customer.id}),
                         user=self.sales_south)
        with self.assertRaises(AccessError), self.cr.savepoint():
            boss.sudo(self.sales_south).write({'attitude': 'supporter'})
        with self.assertRaises(AccessError), self.cr.savepoint():
            finance.sudo(self.sales_south).unlink()
        self.assertFalse(self.env['crm.lead.decision.member'].sudo(self.sales_east2).search(
            [('lead_id', '=', self.lead.id)]), 'a colleague outside the team does not see it')
        # the team lead of the owner changes it
        finance.sudo(self.team_lead).write({'attitude': 'neutral'})
        self.assertEqual(self.lead.decision_opponent_count, 0)
