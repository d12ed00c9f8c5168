from contextlib import contextmanager

from odoo.exceptions import UserError

from .common import QuotePricingCase


class TestQuoteVersions(QuotePricingCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang='en_US'))
        cls.sensor = cls.env['product.product'].create({
            'name': '测试接近传感器', 'type': 'consu', 'list_price': 500, 'taxes_id': [(6, 0, [])]})
        cls.cable = cls.env['product.product'].create({
            'name': '测试工业电缆', 'type': 'consu', 'list_price': 680, 'taxes_id': [(6, 0, [])]})
        cls.term_15 = cls.env.ref('account.account_payment_term_15days')
        cls.term_30 = cls.env.ref('account.account_payment_term_net')

    @contextmanager
    def _refused(self, exception=UserError, regex='.*'):
        """The block is refused and changes nothing (the cache forgets what the database rolled back)."""
        with self.assertRaisesRegex(exception, regex), self.cr.savepoint():
            yield
        self.env.cache.invalidate()

    def _line_vals(self, product, qty, price):
        return {'product_id': product.id, 'name': product.name, 'product_uom_qty': qty,
                'product_uom': product.uom_id.id, 'price_unit': price, 'tax_id': [(6, 0, [])]}

    def _sent_quotation(self):
        order = self._create_quotation(self.salesperson, 1000)
        order.write({'order_line': [(0, 0, self._line_vals(self.sensor, 4, 500))],
                     'payment_term_id': self.term_15.id, 'validity_date': '2030-06-30'})
        order.write({'state': 'sent'})
        return order

    def _revise(self, order):
        action = order.sudo(self.salesperson).action_revise_quotation()
        self.assertEqual(action['res_model'], 'sale.order')
        return self.env['sale.order'].sudo(self.salesperson).browse(action['res_id'])

    def test_revision_keeps_the_sent_version_read_only_and_linked(self):
        v1 = self._sent_quotation()
        note = v1.note
        v2 = self._revise(v1)
        self.assertEqual((v1.state, v1.active, v1.current_revision_id), ('cancel', False, v2))
        self.assertEqual((v2.state, v2.active, v2.old_revision_ids), ('draft', True, v1))
        self.assertEqual((v1.quote_version_label, v2.quote_version_label), ('v1', 'v2'))
        self.assertEqual(v2.name, '%s-01' % v1.name)
        self.assertEqual(v2.validity_date, '2030-06-30', 'the revised offer keeps its expiration date')
        self.assertTrue(v1.is_superseded_version)
        self.assertFalse(v2.is_superseded_version)
        self.assertEqual(v2.order_line.mapped('product_id'), self.product | self.sensor)
        self.assertEqual(v2.old_revision_count, 1)
        # the old version cannot change, whatever the way in
        v1_as_user = v1.sudo(self.salesperson)
        with self._refused(UserError, 'previous versions cannot be changed'):
            v1_as_user.write({'note': '改过的条款'})
        with self._refused(UserError, 'previous versions cannot be changed'):
            v1_as_user.order_line[0].write({'price_unit': 1})
        with self._refused(UserError, 'previous versions cannot be changed'):
            v1_as_user.write({'order_line': [(0, 0, self._line_vals(self.cable, 1, 680))]})
        with self._refused(UserError, 'previous versions cannot be changed'):
            v1_as_user.order_line.unlink()
        with self._refused(UserError, 'previous versions cannot be changed'):
            v1_as_user.action_draft()
        # a context key sent over RPC does not make the user the revision mechanism
        with self._refused(UserError, 'previous versions cannot be changed'):
            v1_as_user.with_context(quote_revision_mechanism=True).write({'active': True, 'state': 'draft'})
        with self._refused(UserError, 'versions are kept'):
            v1_as_user.unlink()
        self.assertEqual((v1.state, v1.active, v1.note, v1.order_line.mapped('price_unit')),
                         ('cancel', False, note, [1000.0, 500.0]))
        # it stays a record of the quotation: notes can be logged on it
        v1_as_user.message_post(body='客户确认收到第一版报价')
        # the new version is editable as usual
        v2.write({'note': '新条款'})
        self.assertEqual(v2.note, '新条款')

    def test_later_revisions_link_all_versions_to_the_latest(self):
        v1 = self._sent_quotation()
        v2 = self._revise(v1)
        v2.write({'state': 'sent'})
        v3 = self._revise(v2)
        self.assertEqual(v3.quote_version_label, 'v3')
        self.assertEqual(v3.name, '%s-02' % v1.name)
        self.assertEqual(v3.old_revision_ids, v1 | v2)
        self.assertEqual((v1.current_revision_id, v2.current_revision_id), (v3, v3))
        self.assertFalse(v2.active)
        action = v3.action_view_old_revisions()
        self.assertEqual(self.env['sale.order'].with_context(active_test=False).search(action['domain']), v1 | v2)
        with self._refused(UserError, 'only its latest version .* can be revised'):
            v1.sudo(self.salesperson).action_revise_quotation()
        with self._refused(UserError, 'only its latest version .* can be revised'):
            v2.sudo(self.salesperson).create_revision()
        self.assertEqual(self.env['sale.order'].with_context(active_test=False).search_count(
            [('unrevisioned_name', '=', v1.name)]), 3)

    def test_differences_to_the_previous_version(self):
        v1 = self._sent_quotation()
        self.assertFalse(v1.quote_version_changes, 'the first version has nothing to compare with')
        v2 = self._revise(v1)
        unchanged = v2.quote_version_changes
        self.assertIn('No changes', unchanged)
        product_line, sensor_line = v2.order_line
        v2.write({
            'payment_term_id': self.term_30.id,
            'order_line': [(1, product_line.id, {'price_unit': 900, 'product_uom_qty': 2}),
                           (2, sensor_line.id),
                           (0, 0, self._line_vals(self.cable, 3, 680))]})
        changes = v2.quote_version_changes
        self.assertIn('Compared with %s (v1)' % v1.name, changes)
        rows = {kind: changes.split('o_quote_version_%s' % kind)[1].split('</tr>')[0]
                for kind in ('changed', 'removed', 'added')}
        self.assertIn('测试变频器', rows['changed'])
        self.assertRegex(rows['changed'], r'<del>\D*1,000\.00\D*</del> → <strong>\D*900\.00')
        self.assertRegex(rows['changed'], r'<del>1\.000</del> → <strong>2\.000</strong>')
        self.assertIn('测试接近传感器', rows['removed'])
        self.assertIn('测试工业电缆', rows['added'])
        self.assertIn('2,040.00', rows['added'])
        # totals 3000 -> 1800 + 2040 = 3840, payment terms 15 -> 30 days
        self.assertRegex(changes, r'Total</th><td><del>\D*3,000\.00\D*</del> → <strong>\D*3,840\.00')
        self.assertIn('<del>%s</del> → <strong>%s</strong>' % (self.term_15.name, self.term_30.name), changes)
        self.assertNotIn('Expiration Date', changes)
        v2.validity_date = '2030-07-31'
        self.assertIn('Expiration Date</th><td><del>2030-06-30</del> → <strong>2030-07-31</strong>',
                      v2.quote_version_changes)

    def test_only_the_latest_version_can_be_confirmed(self):
        v1 = self._sent_quotation()
        v2 = self._revise(v1)
        with self._refused(UserError, r'previous version .* only its latest version %s can be confirmed' % v2.name):
            v1.sudo(self.salesperson).action_confirm()
        self.assertEqual(v1.state, 'cancel')
        # also when the old version's link was lost: a newer version of the same quotation exists
        v1.sudo().with_context(quote_revision_mechanism=True).write({'current_revision_id': False})
        with self._refused(UserError, 'can be confirmed'):
            v1.sudo(self.salesperson).action_confirm()
        v2.action_confirm()
        self.assertEqual(v2.state, 'sale')
        with self._refused(UserError, 'only quotations .* can be revised'):
            v2.sudo(self.salesperson).action_revise_quotation()

    def test_a_draft_can_be_revised_and_a_duplicate_is_a_new_quotation(self):
        v1 = self._create_quotation(self.salesperson, 1000)
        v2 = self._revise(v1)
        self.assertEqual(v2.old_revision_ids, v1)
        copy = v1.sudo(self.salesperson).copy()
        self.assertEqual((copy.quote_version_label, copy.current_revision_id, copy.active),
                         ('v1', self.env['sale.order'], True))
        self.assertNotEqual(copy.unrevisioned_name, v1.unrevisioned_name)
        copy.action_confirm()
        self.assertEqual(copy.state, 'sale')
