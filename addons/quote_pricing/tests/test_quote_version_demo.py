from odoo.tests.common import TransactionCase


class TestQuoteVersionDemo(TransactionCase):
    """The demo's quotation with versions is built once: installing the module again (after an uninstall kept
    the versions) leaves the kept, read-only versions as they are instead of failing on them."""

    def _values(self, note):
        product = self.env.ref('quote_pricing.product_servo_motor')
        return {'partner_id': self.env.ref('crm_lifecycle.customer_hangzhou').id, 'note': note, 'state': 'sent',
                'order_line': [(0, 0, {'product_id': product.id, 'name': product.name, 'product_uom_qty': 8,
                                       'product_uom': product.uom_id.id, 'price_unit': 2800})]}

    def test_built_once(self):
        Order = self.env['sale.order']
        servo = self.env.ref('quote_pricing.product_servo_motor')
        v2_id = Order._demo_revised_quotation('test_demo_quote_v1', self._values('第一版条款'),
                                              {'quote_project': '测试演示项目'},
                                              {'prices': {servo.id: 2650}, 'values': {'note': '第二版条款'}})
        v1 = self.env.ref('quote_pricing.test_demo_quote_v1').with_context(active_test=False)
        v2 = self.env.ref('quote_pricing.test_demo_quote_v2')
        self.assertEqual(v2.id, v2_id)
        self.assertEqual(v1.current_revision_id, v2)
        self.assertTrue(v1.is_superseded_version)
        self.assertEqual((v1.note, v1.order_line.price_unit), ('第一版条款', 2800))
        self.assertEqual((v2.note, v2.order_line.price_unit, v2.quote_version_label), ('第二版条款', 2650, 'v2'))
        project = v1.attribute_value_ids.filtered(lambda value: value.attribute_id.code == 'quote_project')
        self.assertEqual(project.value_text, '测试演示项目')

        # installed again: the versions exist, nothing is written (v1 would refuse it) and no new version
        count = Order.with_context(active_test=False).search_count([])
        self.assertFalse(Order._demo_revised_quotation('test_demo_quote_v1', self._values('改过的条款'), {}, {}))
        self.assertEqual(Order.with_context(active_test=False).search_count([]), count)
        self.assertEqual((v1.note, v2.note), ('第一版条款', '第二版条款'))

    def test_demo_versions(self):
        v1 = self.env.ref('quote_pricing.sale_order_hangzhou_v1').with_context(active_test=False)
        self.assertEqual(v1.current_revision_id, self.env.ref('quote_pricing.sale_order_hangzhou_v2'))
        self.assertEqual(v1.state, 'cancel')
