import odoo
from odoo import api
from odoo.tests.common import TransactionCase, at_install, post_install

from .common import call_in_parallel, create_user

CLAIMERS = 20


@at_install(False)
@post_install(True)
class TestClaimConcurrency(TransactionCase):
    """20 salespeople claim the same pool customer at the same instant, each in his own transaction.

    The data is committed in its own cursor (the test's transaction is invisible to the others) and
    removed at the end. Post-install: the module's data must be committed before other cursors use it.
    """

    def setUp(self):
        super().setUp()
        self.registry = odoo.registry(self.env.cr.dbname)
        with api.Environment.manage(), self.registry.cursor() as cr:
            env = api.Environment(cr, odoo.SUPERUSER_ID, {})
            self.user_ids = [
                create_user(env, 'test_race_%02d' % index, '测试抢单员%02d' % index,
                            ['sales_team.group_sale_salesman']).id
                for index in range(CLAIMERS)]
            self.partner_id = env['res.partner'].with_context(mail_create_nosubscribe=True).create({
                'name': '测试抢单客户有限公司', 'is_company': True, 'customer': True}).id

    def tearDown(self):
        with api.Environment.manage(), self.registry.cursor() as cr:
            env = api.Environment(cr, odoo.SUPERUSER_ID, {})
            partner = env['res.partner'].browse(self.partner_id)
            partner.message_ids.unlink()
            partner.ownership_history_ids.unlink()
            partner.unlink()
            users = env['res.users'].browse(self.user_ids)
            user_partners = users.mapped('partner_id')
            users.unlink()
            user_partners.unlink()
        super().tearDown()

    def test_twenty_salespeople_claim_the_same_customer(self):
        results = call_in_parallel(self.registry, self.user_ids,
                                   lambda env: env['res.partner'].browse(self.partner_id).action_claim())
        self.assertEqual(len(results), CLAIMERS, 'every claimer got an answer')
        self.assertFalse([r for r in results if r[0] == 'error'], 'no database error reaches a user')
        winners = [r[1] for r in results if r[0] == 'won']
        self.assertEqual(len(winners), 1, 'exactly one salesperson wins')
        with api.Environment.manage(), self.registry.cursor() as cr:
            env = api.Environment(cr, odoo.SUPERUSER_ID, {})
            partner = env['res.partner'].browse(self.partner_id)
            winner = env['res.users'].browse(winners[0])
            self.assertEqual(partner.user_id, winner)
            self.assertEqual(len(partner.ownership_history_ids), 1)
            self.assertEqual(partner.ownership_history_ids.to_user_id, winner)
            refusals = [r[2] for r in results if r[0] == 'refused']
            self.assertEqual(len(refusals), CLAIMERS - 1)
            for message in refusals:
                self.assertIn(winner.name, message, 'the others are told who has the customer')
