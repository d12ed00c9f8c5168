from datetime import timedelta

from odoo import fields

from .common import QuotePricingCase


class ReferencePriceCase(QuotePricingCase):
    """Quotations of one product for two customers by two salespeople, a buyer and two suppliers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Users = cls.env['res.users'].with_context(no_reset_password=True)
        cls.salesperson2 = Users.create({
            'name': '测试销售员二', 'login': 'test_quote_sales2', 'email': 'quote.sales2@example.cn',
            'groups_id': [(6, 0, [cls.env.ref('sales_team.group_sale_salesman').id])]})
        cls.team_lead = Users.create({
            'name': '测试销售组长', 'login': 'test_quote_lead', 'email': 'quote.lead@example.cn',
            'groups_id': [(6, 0, [cls.env.ref('sales_team.group_sale_salesman_all_leads').id])]})
        cls.buyer = Users.create({
            'name': '测试采购员', 'login': 'test_quote_buyer', 'email': 'quote.buyer@example.cn',
            'groups_id': [(6, 0, [cls.env.ref('purchase.group_purchase_user').id])]})
        Partner = cls.env['res.partner']
        cls.customer_contact = Partner.create({
            'name': '王采购', 'parent_id': cls.customer.id, 'type': 'contact', 'email': 'wang@example.cn'})
        cls.other_customer = Partner.create({
            'name': '另一家客户有限公司', 'is_company': True, 'customer': True, 'email': 'other@example.cn'})
        cls.supplier_a = Partner.create({
            'name': '测试供应商甲有限公司', 'is_company': True, 'supplier': True, 'customer': False})
        cls.supplier_b = Partner.create({
            'name': '测试供应商乙有限公司', 'is_company': True, 'supplier': True, 'customer': False})
        cls.uom_unit = cls.env.ref('product.product_uom_unit')
        cls.uom_dozen = cls.env.ref('product.product_uom_dozen')

    @classmethod
    def _days_ago(cls, days):
        return fields.Datetime.to_string(fields.Datetime.from_string(fields.Datetime.now()) - timedelta(days=days))

    @classmethod
    def _quotation(cls, user, customer, lines, days_ago=0, pricelist=None):
        """A quotation of `user` for `customer`; lines are (product, quantity, price, discount[, uom])."""
        return cls.env['sale.order'].sudo(user).create({
            'partner_id': customer.id,
            'pricelist_id': (pricelist or cls.pricelist).id,
            'date_order': cls._days_ago(days_ago),
            'order_line': [(0, 0, {
                'product_id': product.id, 'name': product.name, 'product_uom_qty': quantity,
                'product_uom': (rest[1] if len(rest) > 1 else product.uom_id).id, 'price_unit': price,
                'discount': rest[0] if rest else 0.0, 'tax_id': [(6, 0, [])],
            }) for product, quantity, price, *rest in lines],
        })

    @classmethod
    def _sold(cls, user, customer, lines, days_ago=0, pricelist=None):
        """The same, confirmed (by a sales manager: no price rule stands in the way)."""
        order = cls._quotation(user, customer, lines, days_ago=days_ago, pricelist=pricelist)
        order.sudo(cls.manager).action_confirm()
        assert order.state in ('sale', 'done'), order.state
        return order
