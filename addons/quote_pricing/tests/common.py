from odoo.tests.common import SavepointCase


class QuotePricingCase(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the messages in English, whatever language the database gives new users: the tests read their words
        cls.env = cls.env(context=dict(cls.env.context, lang='en_US'))
        Users = cls.env['res.users'].with_context(no_reset_password=True)
        cls.salesperson = Users.create({
            'name': '测试销售员', 'login': 'test_quote_sales', 'email': 'quote.sales@example.cn',
            'groups_id': [(6, 0, [cls.env.ref('sales_team.group_sale_salesman').id])]})
        cls.manager = Users.create({
            'name': '测试销售总监', 'login': 'test_quote_manager', 'email': 'quote.manager@example.cn',
            'groups_id': [(6, 0, [cls.env.ref('sales_team.group_sale_manager').id])]})
        cls.customer = cls.env['res.partner'].create({
            'name': '测试客户有限公司', 'is_company': True, 'customer': True, 'email': 'buyer@example.cn'})
        # Floor prices are in company currency: quote in it too, unless a test wants a conversion.
        cls.company_currency = cls.env.user.company_id.currency_id
        cls.pricelist = cls.env['product.pricelist'].create({
            'name': '测试价目表', 'currency_id': cls.company_currency.id})
        cls.product = cls.env['product.product'].create({
            'name': '测试变频器', 'type': 'consu', 'list_price': 1000, 'floor_price': 800,
            'taxes_id': [(6, 0, [])]})

    def _create_quotation(self, user, price_unit, discount=0.0, pricelist=None):
        product = self.product
        return self.env['sale.order'].sudo(user).create({
            'partner_id': self.customer.id,
            'pricelist_id': (pricelist or self.pricelist).id,
            'order_line': [(0, 0, {
                'product_id': product.id, 'name': product.name, 'product_uom_qty': 1,
                'product_uom': product.uom_id.id, 'price_unit': price_unit, 'discount': discount,
                'tax_id': [(6, 0, [])]})],
        })
