from odoo import api, fields, models, tools
from odoo.addons import decimal_precision as dp

# The rate of a currency for a company on a date, as res.currency._compute_current_rate reads it
# (company rate first, then the shared one; no rate = 1).
CURRENCY_RATE_SQL = """
    COALESCE((SELECT r.rate FROM res_currency_rate r
               WHERE r.currency_id = {currency} AND r.name <= {date}
                 AND (r.company_id IS NULL OR r.company_id = {company})
               ORDER BY r.company_id, r.name DESC
               LIMIT 1), 1.0)
"""


class SaleQuoteHistoryReport(models.Model):
    """One row per quotation or sales order line: who was quoted or sold which product, when, how many and
    at which unit price after discount. Prices and quantities are per unit of measure of the product and in
    the company currency (rate of the order date), so that rows of different orders compare; the order
    currency and the price in it are kept beside. Old revisions of a quotation (archived by
    sale_order_revision) and down payments are left out."""
    _name = 'sale.quote.history.report'
    _description = 'Quote History'
    _auto = False
    _rec_name = 'name'
    _order = 'date desc, id desc'

    name = fields.Char('Order Reference', readonly=True)
    order_id = fields.Many2one('sale.order', 'Quotation / Order', readonly=True)
    order_line_id = fields.Many2one('sale.order.line', 'Order Line', readonly=True)
    date = fields.Datetime('Order Date', readonly=True)
    product_id = fields.Many2one('product.product', 'Product', readonly=True)
    product_tmpl_id = fields.Many2one('product.template', 'Product Template', readonly=True)
    categ_id = fields.Many2one('product.category', 'Product Category', readonly=True)
    partner_id = fields.Many2one('res.partner', 'Ordering Contact', readonly=True)
    commercial_partner_id = fields.Many2one('res.partner', 'Customer', readonly=True)
    user_id = fields.Many2one('res.users', 'Salesperson', readonly=True)
    team_id = fields.Many2one('crm.team', 'Sales Team', readonly=True)
    company_id = fields.Many2one('res.company', 'Company', readonly=True)
    state = fields.Selection([
        ('draft', 'Quotation'),
        ('sent', 'Quotation Sent'),
        ('sale', 'Sales Order'),
        ('done', 'Locked'),
        ('cancel', 'Cancelled'),
    ], 'Order Status', readonly=True)
    history_kind = fields.Selection(
        [('quoted', 'Quoted'), ('sold', 'Sold')], 'Quoted / Sold', readonly=True,
        help='Sold: a confirmed sales order. Quoted: a quotation not (or not yet) confirmed, cancelled ones '
             'included: the price was offered.')
    product_uom = fields.Many2one('product.uom', 'Unit of Measure', readonly=True)
    product_qty = fields.Float('Quantity', digits=dp.get_precision('Product Unit of Measure'), readonly=True)
    price_unit = fields.Float(
        'Unit Price', digits=dp.get_precision('Product Price'), readonly=True, group_operator='avg',
        help='Unit price after discount, per unit of measure of the product, in the company currency.')
    discount = fields.Float('Discount (%)', digits=dp.get_precision('Discount'), readonly=True, group_operator='avg')
    price_subtotal = fields.Float(
        'Untaxed Amount', digits=dp.get_precision('Account'), readonly=True,
        help='Untaxed amount of the line in the company currency.')
    margin = fields.Float(
        'Margin', digits=dp.get_precision('Account'), readonly=True,
        help='Untaxed amount minus cost of the line, in the company currency.')
    company_currency_id = fields.Many2one('res.currency', 'Company Currency', readonly=True)
    currency_id = fields.Many2one('res.currency', 'Order Currency', readonly=True)
    order_price_unit = fields.Float(
        'Unit Price (Order Currency)', digits=dp.get_precision('Product Price'), readonly=True,
        group_operator='avg', help='Unit price after discount, per unit of measure of the product, in the '
                                   'currency of the order.')

    def _query(self):
        rate = {
            'order_rate': CURRENCY_RATE_SQL.format(currency='l.currency_id', date='s.date_order::date',
                                                   company='s.company_id'),
            'company_rate': CURRENCY_RATE_SQL.format(currency='c.currency_id', date='s.date_order::date',
                                                     company='s.company_id'),
        }
        # to_company: factor from the order currency into the company currency (1 when they are the same);
        # to_product_uom: factor from a price per line unit into a price per product unit.
        return """
            SELECT l.id AS id,
                   l.id AS order_line_id,
                   s.id AS order_id,
                   s.name AS name,
                   s.date_order AS date,
                   l.product_id AS product_id,
                   p.product_tmpl_id AS product_tmpl_id,
                   t.categ_id AS categ_id,
                   s.partner_id AS partner_id,
                   COALESCE(partner.commercial_partner_id, partner.id) AS commercial_partner_id,
                   s.user_id AS user_id,
                   s.team_id AS team_id,
                   s.company_id AS company_id,
                   s.state AS state,
                   CASE WHEN s.state IN ('sale', 'done') THEN 'sold' ELSE 'quoted' END AS history_kind,
                   t.uom_id AS product_uom,
                   l.product_uom_qty / u.factor * u2.factor AS product_qty,
                   l.price_reduce * u.factor / u2.factor * conv.to_company AS price_unit,
                   l.discount AS discount,
                   l.price_subtotal * conv.to_company AS price_subtotal,
                   l.margin * conv.to_company AS margin,
                   c.currency_id AS company_currency_id,
                   l.currency_id AS currency_id,
                   l.price_reduce * u.factor / u2.factor AS order_price_unit
              FROM sale_order_line l
              JOIN sale_order s ON s.id = l.order_id
              JOIN res_company c ON c.id = s.company_id
              JOIN res_partner partner ON partner.id = s.partner_id
              JOIN product_product p ON p.id = l.product_id
              JOIN product_template t ON t.id = p.product_tmpl_id
              JOIN product_uom u ON u.id = l.product_uom
              JOIN product_uom u2 ON u2.id = t.uom_id
              CROSS JOIN LATERAL (
                  SELECT CASE WHEN l.currency_id IS NULL OR l.currency_id = c.currency_id THEN 1.0
                              ELSE %(company_rate)s / %(order_rate)s END AS to_company
              ) conv
             WHERE s.active IS NOT FALSE
               AND l.is_downpayment IS NOT TRUE
        """ % rate

    @api.model_cr
    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute('CREATE OR REPLACE VIEW %s AS (%s)' % (self._table, self._query()))
