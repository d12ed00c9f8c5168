from .common import QuotePricingCase


class TestAmountInWords(QuotePricingCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cny = cls.env.ref('base.CNY')
        cny.active = True
        cls.pricelist_cny = cls.env['product.pricelist'].create({'name': '测试人民币价目表', 'currency_id': cny.id})

    def _create_quotation(self, user, price_unit, **kwargs):
        return super()._create_quotation(user, price_unit, pricelist=self.pricelist_cny, **kwargs)

    def test_amount_with_cents(self):
        order = self._create_quotation(self.salesperson, 1234.56)
        self.assertEqual(order.amount_total, 1234.56)
        self.assertEqual(order.amount_total_cn, '壹仟贰佰叁拾肆元伍角陆分')

    def test_whole_amount(self):
        order = self._create_quotation(self.salesperson, 100)
        self.assertEqual(order.amount_total_cn, '壹佰元整')
        order.order_line.write({'product_uom_qty': 10000})
        self.assertEqual(order.amount_total_cn, '壹佰万元整')

    def test_zero_amount(self):
        order = self._create_quotation(self.salesperson, 0)
        self.assertEqual(order.amount_total_cn, '零元整')

    def test_no_words_for_other_currencies(self):
        other = self.env['res.currency'].search([('name', '!=', 'CNY')], limit=1)
        pricelist = self.env['product.pricelist'].create({'name': '测试外币价目表', 'currency_id': other.id})
        order = super()._create_quotation(self.salesperson, 100, pricelist=pricelist)
        self.assertFalse(order.amount_total_cn, 'renminbi words would be wrong for %s' % other.name)
