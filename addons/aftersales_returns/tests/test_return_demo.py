from odoo.tests.common import SavepointCase


class TestReturnDemo(SavepointCase):
    """The demo walks its requests through the real steps: every state, with real pickings and credit notes."""

    def _demo(self, name):
        return self.env.ref('aftersales_returns.demo_return_%s' % name, raise_if_not_found=False)

    def test_demo_returns_in_every_state(self):
        if not self._demo('draft'):
            self.skipTest('no demo data')
        states = {name: self._demo(name).state for name in (
            'draft', 'approval', 'approved', 'received', 'refunded', 'replaced', 'closed', 'refused')}
        self.assertEqual(states, {'draft': 'draft', 'approval': 'draft', 'approved': 'approved',
                                  'received': 'received', 'refunded': 'refunded', 'replaced': 'replaced',
                                  'closed': 'closed', 'refused': 'refused'})
        self.assertEqual(self._demo('approval').review_ids.status, 'pending', 'waiting for its tier')
        refunded = self._demo('refunded')
        self.assertEqual(refunded._pickings().state, 'done')
        self.assertEqual(refunded._refunds().state, 'open')
        self.assertEqual(refunded._refunds().amount_total, refunded.amount_total)
        replaced = self._demo('replaced')._pickings()
        self.assertEqual(sorted(replaced.mapped('picking_type_code')), ['incoming', 'outgoing'])

    def test_customer_360_has_a_returns_tab(self):
        view = self.env.ref('crm_lifecycle.res_partner_view_form_customer_360')
        arch = self.env['res.partner'].fields_view_get(view_id=view.id, view_type='form')['arch']
        self.assertIn('name="return_ids"', arch)
