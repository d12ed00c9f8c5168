import xlrd

from odoo import fields
from odoo.exceptions import AccessError

from .reference_price_common import ReferencePriceCase


# The unit price column of the Excel export (after date, reference, quoted/sold, status, customer, product,
# quantity, unit).
PRICE_COLUMN = 8


def prices(rows):
    return [round(row['price_value'], 2) for row in rows]


class TestQuoteHistory(ReferencePriceCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # This customer: sold at 1000 (30 days ago), quoted at 990 (1100 less 10 %, 20 days ago).
        # The other customer (the other salesperson): sold at 1200 (10 days ago), quoted at 1300 (5 days ago).
        cls.sold_here = cls._sold(cls.salesperson, cls.customer, [(cls.product, 2, 1000)], days_ago=30)
        cls.quoted_here = cls._quotation(cls.salesperson, cls.customer, [(cls.product, 3, 1100, 10)],
                                         days_ago=20)
        cls.sold_there = cls._sold(cls.salesperson2, cls.other_customer, [(cls.product, 5, 1200)],
                                   days_ago=10)
        cls.quoted_there = cls._quotation(cls.salesperson2, cls.other_customer, [(cls.product, 4, 1300)],
                                          days_ago=5)
        # The quotation being priced, for a contact of this customer.
        cls.current = cls._quotation(cls.salesperson, cls.customer_contact, [(cls.product, 1, 1050)])
        cls.line = cls.current.order_line

    def test_history_of_this_customer_and_of_all_customers(self):
        history = self.line._get_price_history()
        self.assertEqual(prices(history['customer_quoted']), [990.0])
        self.assertEqual(prices(history['customer_sold']), [1000.0])
        self.assertEqual(prices(history['all_quoted']), [1300.0, 990.0], 'latest first')
        self.assertEqual(prices(history['all_sold']), [1200.0, 1000.0], 'latest first')
        self.assertNotIn(1050.0, sum((prices(rows) for rows in history.values()), []),
                         'the quotation being priced is not its own history')
        latest = history['all_sold'][0]
        self.assertEqual(latest['quantity_value'], 5)
        self.assertEqual(latest['salesperson'], '测试销售员二')
        self.assertEqual(latest['date'], fields.Date.to_string(fields.Datetime.context_timestamp(
            self.line, fields.Datetime.from_string(self.sold_there.date_order))))

    def test_last_five_and_old_revisions_left_out(self):
        for days_ago in range(6):
            self._quotation(self.salesperson2, self.other_customer, [(self.product, 1, 1400 + days_ago)],
                            days_ago=days_ago + 1)
        history = self.line._get_price_history()
        self.assertEqual(prices(history['all_quoted']), [1400.0, 1401.0, 1402.0, 1403.0, 1404.0])
        self.assertEqual(prices(history['customer_quoted']), [990.0], 'the other customer is not this one')
        # A new revision archives the old quotation: its price counts once.
        self.quoted_here.sudo(self.salesperson).create_revision()
        self.assertFalse(self.quoted_here.active)
        history = self.line._get_price_history()
        self.assertEqual(prices(history['customer_quoted']), [990.0])

    def test_prices_per_product_unit_in_company_currency(self):
        # 1 dozen at 13200 with 10 % off: 12 units at 990 each.
        order = self._quotation(self.salesperson, self.customer, [(self.product, 1, 13200, 10, self.uom_dozen)],
                                days_ago=1)
        row = self.env['sale.quote.history.report'].search([('order_id', '=', order.id)])
        self.assertAlmostEqual(row.product_qty, 12)
        self.assertAlmostEqual(row.price_unit, 990)
        self.assertEqual(row.history_kind, 'quoted')
        self.assertEqual(row.commercial_partner_id, self.customer)
        # An order in another currency: the history converts it with the rate of the order date.
        other = self.env['res.currency'].with_context(active_test=False).search(
            [('id', '!=', self.company_currency.id), ('name', 'in', ('USD', 'EUR'))], limit=1)
        other.active = True
        self.env['res.currency.rate'].create({
            'currency_id': other.id, 'rate': self.company_currency.rate * 4,
            'name': self._days_ago(3)[:10], 'company_id': self.env.user.company_id.id})
        pricelist = self.env['product.pricelist'].create({'name': '测试外币价目表', 'currency_id': other.id})
        foreign = self._quotation(self.salesperson, self.customer, [(self.product, 2, 4000)], days_ago=2,
                                  pricelist=pricelist)
        row = self.env['sale.quote.history.report'].search([('order_id', '=', foreign.id)])
        expected = other.with_context(date=foreign.date_order).compute(4000, self.company_currency, round=False)
        self.assertAlmostEqual(row.price_unit, expected, places=2)
        self.assertAlmostEqual(row.order_price_unit, 4000)
        self.assertEqual(row.currency_id, other)
        self.assertAlmostEqual(row.price_subtotal, expected * 2, places=2)

    def test_salesperson_sees_prices_of_orders_he_cannot_read(self):
        line = self.line.sudo(self.salesperson)
        with self.assertRaises(AccessError):
            self.sold_there.sudo(self.salesperson).read(['name'])
        html = line.price_history_html
        history = line._get_price_history()
        self.assertIn(history['all_sold'][0]['price'], html, "the other salesperson's sale is shown")
        self.assertIn('测试销售员二', html)
        self.assertNotIn(self.other_customer.name, html, 'but not the other customer')
        action = line.action_view_reference_prices()
        self.assertEqual((action['res_model'], action['res_id'], action['target']),
                         ('sale.order.line', line.id, 'new'))
        self.assertTrue(self.env['sale.order.line'].sudo(self.salesperson).fields_view_get(
            action['view_id'], 'form')['arch'])

    def test_history_report_follows_order_access(self):
        Report = self.env['sale.quote.history.report']
        own = Report.sudo(self.salesperson).search([('product_id', '=', self.product.id)])
        self.assertEqual(own.mapped('order_id'), self.sold_here | self.quoted_here | self.current)
        everything = Report.sudo(self.team_lead).search([('product_id', '=', self.product.id)])
        self.assertEqual(len(everything), 5)
        action = self.line.sudo(self.salesperson).action_view_quote_history()
        self.assertEqual(action['res_model'], 'sale.quote.history.report')
        self.assertEqual(action['context']['search_default_product_id'], self.product.id)

    def test_quote_history_xlsx(self):
        report = self.env.ref('quote_pricing.product_quote_history_xlsx_report')
        content, kind = report.sudo(self.salesperson).render_xlsx(self.product.product_tmpl_id.ids, {})
        self.assertEqual(kind, 'xlsx')
        sheet = xlrd.open_workbook(file_contents=content).sheet_by_index(0)
        self.assertEqual(sheet.nrows, 1 + 3, 'a header and the three lines of his own orders')
        self.assertEqual(sorted(sheet.col_values(PRICE_COLUMN)[1:]), [990.0, 1000.0, 1050.0])
        rows = self.env['sale.quote.history.report'].search([('order_id', '=', self.sold_there.id)])
        content, _kind = self.env.ref('quote_pricing.quote_history_xlsx_report').sudo(self.team_lead).render_xlsx(
            rows.ids, {})
        sheet = xlrd.open_workbook(file_contents=content).sheet_by_index(0)
        self.assertEqual(sheet.nrows, 2)
        self.assertIn(self.other_customer.name, sheet.row_values(1))


class TestSupplierReferencePrices(ReferencePriceCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        SupplierInfo = cls.env['product.supplierinfo']
        template = cls.product.product_tmpl_id
        SupplierInfo.create({'name': cls.supplier_a.id, 'product_tmpl_id': template.id, 'price': 700,
                             'min_qty': 10, 'delay': 5})
        SupplierInfo.create({'name': cls.supplier_b.id, 'product_tmpl_id': template.id, 'price': 720, 'delay': 3})
        cls.first_purchase = cls._purchase(cls.supplier_a, 680, confirm=True)
        cls.second_purchase = cls._purchase(cls.supplier_b, 710, confirm=True)
        cls.rfq = cls._purchase(cls.supplier_a, 650, confirm=False)
        cls.line = cls._quotation(cls.salesperson, cls.customer, [(cls.product, 1, 1050)]).order_line

    @classmethod
    def _purchase(cls, supplier, price, confirm):
        purchase = cls.env['purchase.order'].create({
            'partner_id': supplier.id,
            'order_line': [(0, 0, {
                'product_id': cls.product.id, 'name': cls.product.name, 'product_qty': 10,
                'product_uom': cls.uom_unit.id, 'price_unit': price, 'date_planned': cls._days_ago(0),
                'taxes_id': [(6, 0, [])]})],
        })
        if confirm:
            purchase.button_confirm()
        return purchase

    def test_vendor_prices_and_last_purchases(self):
        reference = self.line._get_supplier_reference_prices()
        vendors = {row['vendor']: row for row in reference['vendors']}
        self.assertEqual(set(vendors), {self.supplier_a.name, self.supplier_b.name})
        self.assertEqual(vendors[self.supplier_a.name]['price_value'], 700)
        self.assertEqual(vendors[self.supplier_a.name]['delay'], 5)
        self.assertIn('10', vendors[self.supplier_a.name]['min_qty'])
        self.assertEqual([(row['vendor'], row['price_value']) for row in reference['purchases']],
                         [(self.supplier_b.name, 710), (self.supplier_a.name, 680)],
                         'confirmed purchases only, latest first')

    def test_salesperson_sees_supplier_prices_he_cannot_read(self):
        with self.assertRaises(AccessError):
            self.env['purchase.order'].sudo(self.salesperson).search([('id', '=', self.first_purchase.id)])
        html = self.line.sudo(self.salesperson).supplier_price_html
        self.assertIn(self.supplier_a.name, html)
        reference = self.line.sudo(self.salesperson)._get_supplier_reference_prices()
        for row in reference['vendors'] + reference['purchases']:
            self.assertIn(row['price'], html)
        self.assertEqual(len(reference['purchases']), 2)


class TestMarginPercent(ReferencePriceCase):

    def test_line_and_order_margin_percent(self):
        order = self._quotation(self.salesperson, self.customer, [(self.product, 2, 1000), (self.product, 1, 500)])
        first, second = order.order_line
        first.purchase_price = 600
        second.purchase_price = 500
        self.assertAlmostEqual(first.margin_percent, 40.0)
        self.assertAlmostEqual(second.margin_percent, 0.0)
        self.assertAlmostEqual(order.margin_percent, 800.0 / 2500.0 * 100)
        first.price_unit = 0
        self.assertEqual(first.margin_percent, 0.0, 'no amount, no percentage')
