from odoo.exceptions import UserError

from .common import CompetitionCase


class TestLossAndWin(CompetitionCase):
    """Losing asks for the reason and, where competitors were recorded and the reason says a competitor won,
    which one and at what price; winning eliminates them. In the model, so RPC writes obey too."""

    def test_lost_needs_reason_and_winner(self):
        lead = self._opportunity(self.salesperson, '测试输单', 500000, [(self.rival_a, 450000), (self.rival_b, 480000)])
        as_owner = lead.sudo(self.salesperson)
        with self.assertRaisesRegex(UserError, 'reason'), self.cr.savepoint():
            as_owner.action_set_lost()
        with self.assertRaisesRegex(UserError, 'which one won'), self.cr.savepoint():
            as_owner.write({'lost_reason': self.reason_price.id, 'active': False})
        self.assertTrue(lead.active)
        as_owner.action_set_lost_to(self.rival_a, 430000, self.reason_price)
        self.assertFalse(lead.active)
        winner = lead.competitor_line_ids.filtered(lambda line: line.status == 'winner')
        self.assertEqual((winner.competitor_id, winner.bid_price), (self.rival_a, 430000))
        self.assertEqual(lead.winning_competitor_id, self.rival_a)
        self.assertEqual(lead.competitor_line_ids.filtered(lambda line: line.competitor_id == self.rival_b).status,
                         'eliminated')

    def test_lost_wizard_asks_the_winner(self):
        lead = self._opportunity(self.salesperson, '测试向导输单', 300000, [(self.rival_b, 260000)])
        wizard = self.env['crm.lead.lost'].sudo(self.salesperson).with_context(active_ids=lead.ids).create({
            'lost_reason_id': self.reason_price.id})
        self.assertTrue(wizard.has_competitors)
        with self.assertRaisesRegex(UserError, 'which one won'), self.cr.savepoint():
            wizard.action_lost_reason_apply()
        wizard.winner_id = self.rival_b
        wizard._onchange_winner_id()
        self.assertEqual(wizard.winning_price, 260000, 'its recorded bid is proposed')
        wizard.action_lost_reason_apply()
        self.assertEqual((lead.active, lead.lost_reason, lead.winning_competitor_id),
                         (False, self.reason_price, self.rival_b))
        # a competitor not recorded yet is added as the winner
        other = self._opportunity(self.salesperson, '测试新对手', 200000)
        other.sudo(self.salesperson).action_set_lost_to(self.rival_a, 180000, self.reason_price)
        self.assertEqual(other.winning_competitor_id, self.rival_a)
        with self.assertRaisesRegex(UserError, 'price'), self.cr.savepoint():
            self._opportunity(self.salesperson, '测试无价格', 1).sudo(self.salesperson).action_set_lost_to(
                self.rival_a, 0, self.reason_price)

    def test_reason_without_a_winner_and_no_competitors(self):
        lead = self._opportunity(self.salesperson, '测试取消', 300000, [(self.rival_a, 280000)])
        lead.sudo(self.salesperson).write({'lost_reason': self.reason_cancelled.id})
        lead.sudo(self.salesperson).action_set_lost()
        self.assertFalse(lead.active)
        self.assertFalse(lead.winning_competitor_id)
        alone = self._opportunity(self.salesperson, '测试无对手', 100000)
        alone.sudo(self.salesperson).write({'lost_reason': self.reason_price.id})
        alone.sudo(self.salesperson).action_set_lost()
        self.assertFalse(alone.active, 'no competitor recorded: the reason is enough')

    def test_won_eliminates_and_archive_of_won_is_free(self):
        lead = self._opportunity(self.salesperson, '测试赢单', 300000, [(self.rival_a, 280000), (self.rival_b, 1)])
        lead.sudo(self.salesperson).action_set_won()
        self.assertEqual(set(lead.competitor_line_ids.mapped('status')), {'eliminated'})
        lead.sudo(self.salesperson).toggle_active()  # archiving a won deal is not losing it
        self.assertFalse(lead.active)
