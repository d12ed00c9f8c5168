import odoo
from odoo import api
from odoo.addons.crm_lifecycle.tests.common import call_in_parallel, create_user
from odoo.exceptions import UserError
from odoo.tests.common import TransactionCase, at_install, post_install

from .common import FunnelCase


class TestOpportunityAssignment(FunnelCase):
    """Claiming (领用) under the per-person cap, assignment by team leads within their team, and the owner
    rule: a salesperson gives an opportunity to nobody else, however he writes."""

    def _unassigned(self, name='测试待领用商机'):
        return self.env['crm.lead'].create({'name': name, 'type': 'opportunity', 'user_id': False,
                                            'opportunity_type_id': self.type_upsell.id})

    def test_claim_and_cap(self):
        self.company.opportunity_claim_cap = 2
        first, second = self._unassigned('待领用甲'), self._unassigned('待领用乙')
        first.sudo(self.sales_east).action_claim()
        self.assertEqual(first.user_id, self.sales_east)
        self.assertEqual(first.team_id, self.team_east, 'the claimer brings his team')
        with self.assertRaisesRegex(UserError, '测试漏斗赵敏|already assigned'):
            first.sudo(self.sales_east2).action_claim()
        self._opportunity(self.sales_east, self.type_upsell, name='自建商机')  # his own count against the cap
        with self.assertRaisesRegex(UserError, 'limit is 2'):
            second.sudo(self.sales_east).action_claim()
        self.assertFalse(second.user_id)
        second.sudo(self.sales_east2).action_claim()
        self.assertEqual(second.user_id, self.sales_east2)

    def test_salesperson_cannot_give_away(self):
        own = self._opportunity(self.sales_east, self.type_upsell)
        with self.assertRaisesRegex(UserError, 'Only team leads'):
            own.sudo(self.sales_east).write({'user_id': self.sales_east2.id})
        with self.assertRaisesRegex(UserError, 'Only team leads'):
            self.env['crm.lead'].sudo(self.sales_east).create(
                {'name': '替同事建的商机', 'type': 'opportunity', 'user_id': self.sales_east2.id})
        self.assertEqual(own.user_id, self.sales_east)
        # writing oneself on an unassigned one is a claim, under the cap
        unassigned = self._unassigned()
        unassigned.sudo(self.sales_east).write({'user_id': self.sales_east.id})
        self.assertEqual(unassigned.user_id, self.sales_east)

    def test_team_lead_assigns_within_team(self):
        own = self._opportunity(self.sales_east, self.type_upsell).sudo()
        own.sudo(self.team_lead).write({'user_id': self.sales_east2.id})
        self.assertEqual(own.user_id, self.sales_east2)
        with self.assertRaisesRegex(UserError, 'not a member of your sales team'):
            own.sudo(self.team_lead).write({'user_id': self.sales_south.id})
        own.sudo(self.manager).write({'user_id': self.sales_south.id})
        self.assertEqual(own.user_id, self.sales_south)


@at_install(False)
@post_install(True)
class TestClaimConcurrency(TransactionCase):
    """Ten salespeople claim the same unassigned opportunity in parallel transactions: one wins, the
    others are told who has it, no database error reaches anyone."""
    CLAIMERS = 10

    def setUp(self):
        super().setUp()
        self.registry = odoo.registry(self.env.cr.dbname)
        with api.Environment.manage(), self.registry.cursor() as cr:
            env = api.Environment(cr, odoo.SUPERUSER_ID, {})
            self.user_ids = [create_user(env, 'test_lead_race_%02d' % index, '测试领用员%02d' % index,
                                         ['sales_team.group_sale_salesman']).id for index in range(self.CLAIMERS)]
            self.lead_id = env['crm.lead'].create({'name': '测试并发领用商机', 'type': 'opportunity',
                                                   'user_id': False}).id

    def tearDown(self):
        with api.Environment.manage(), self.registry.cursor() as cr:
            env = api.Environment(cr, odoo.SUPERUSER_ID, {})
            env['crm.lead'].browse(self.lead_id).unlink()
            users = env['res.users'].browse(self.user_ids)
            user_partners = users.mapped('partner_id')
            users.unlink()
            user_partners.unlink()
        super().tearDown()

    def test_ten_salespeople_claim_the_same_opportunity(self):
        results = call_in_parallel(self.registry, self.user_ids,
                                   lambda env: env['crm.lead'].browse(self.lead_id).action_claim())
        self.assertEqual(len(results), self.CLAIMERS)
        self.assertFalse([r for r in results if r[0] == 'error'], results)
        winners = [r[1] for r in results if r[0] == 'won']
        self.assertEqual(len(winners), 1, results)
        with api.Environment.manage(), self.registry.cursor() as cr:
            env = api.Environment(cr, odoo.SUPERUSER_ID, {})
            winner = env['res.users'].browse(winners[0])
            self.assertEqual(env['crm.lead'].browse(self.lead_id).user_id, winner)
            for outcome, _user_id, message in results:
                if outcome == 'refused':
                    self.assertIn(winner.name, message, 'the others are told who has it')
