from odoo import api, fields, models, tools
from odoo.addons import decimal_precision as dp

from .sale_quote_history_report import CURRENCY_RATE_SQL


class SaleInquiryComparison(models.Model):
    """The suppliers' answers to the inquiries of quotations, one row per supplier and quotation line
    (a line of a request for quotation made by the inquiry; cancelled requests left out): the price the
    supplier answered in its currency and, for comparing, as the cost it would give the quotation line
    (the quotation's currency and the line's unit), and the lead time. Pivot it product by supplier for
    the comparison matrix; "Choose" takes an answer."""
    _name = 'sale.inquiry.comparison'
    _description = 'Supplier Inquiry Comparison'
    _auto = False
    _rec_name = 'partner_id'
    _order = 'sale_order_id, sale_line_id, cost_price, partner_id'

    sale_order_id = fields.Many2one('sale.order', 'Quotation', readonly=True)
    sale_line_id = fields.Many2one('sale.order.line', 'Quotation Line', readonly=True)
    user_id = fields.Many2one('res.users', 'Salesperson', readonly=True)
    company_id = fields.Many2one('res.company', 'Company', readonly=True)
    product_id = fields.Many2one('product.product', 'Product', readonly=True)
    partner_id = fields.Many2one('res.partner', 'Supplier', readonly=True)
    purchase_order_id = fields.Many2one('purchase.order', 'Request for Quotation', readonly=True)
    purchase_line_id = fields.Many2one('purchase.order.line', 'Request for Quotation Line', readonly=True)
    rfq_name = fields.Char('RFQ Reference', readonly=True)
    rfq_state = fields.Selection([
        ('draft', 'RFQ'),
        ('sent', 'RFQ Sent'),
        ('to approve', 'To Approve'),
        ('purchase', 'Purchase Order'),
        ('done', 'Locked'),
    ], 'RFQ Status', readonly=True)
    product_qty = fields.Float('Quantity', digits=dp.get_precision('Product Unit of Measure'), readonly=True)
    product_uom = fields.Many2one('product.uom', 'Unit of Measure', readonly=True)
    price_unit = fields.Float(
        'Answered Price', digits=dp.get_precision('Product Price'), readonly=True, group_operator='min',
        help='The unit price the supplier answered, in the currency of the request for quotation; 0 while '
             'the supplier has not answered.')
    currency_id = fields.Many2one('res.currency', 'Currency', readonly=True)
    cost_price = fields.Float(
        'Cost on Quotation', digits=dp.get_precision('Product Price'), readonly=True, group_operator='min',
        help='The answered price as the cost of the quotation line: per unit of the line, in the currency '
             'of the quotation.')
    order_currency_id = fields.Many2one('res.currency', 'Quotation Currency', readonly=True)
    lead_days = fields.Integer('Lead Time (Days)', readonly=True, group_operator='min')
    answered = fields.Boolean('Answered', readonly=True, help='The supplier has answered a price.')
    inquiry_choice = fields.Selection(
        [('chosen', 'Chosen'), ('not_chosen', 'Not Chosen')], 'Inquiry Result', readonly=True)

    def _query(self):
        rate = {
            'order_rate': CURRENCY_RATE_SQL.format(currency='sl.currency_id', date='s.date_order::date',
                                                   company='s.company_id'),
            'rfq_rate': CURRENCY_RATE_SQL.format(currency='po.currency_id', date='s.date_order::date',
                                                 company='s.company_id'),
        }
        # The cost as sale.order._inquiry_answer_cost computes it: the price per line unit
        # (uom._compute_price), converted at the quotation date.
        return """
            SELECT pol.id AS id,
                   s.id AS sale_order_id,
                   sl.id AS sale_line_id,
                   s.user_id AS user_id,
                   s.company_id AS company_id,
                   pol.product_id AS product_id,
                   po.partner_id AS partner_id,
                   po.id AS purchase_order_id,
                   pol.id AS purchase_line_id,
                   po.name AS rfq_name,
                   po.state AS rfq_state,
                   pol.product_qty AS product_qty,
                   pol.product_uom AS product_uom,
                   pol.price_unit AS price_unit,
                   po.currency_id AS currency_id,
                   pol.price_unit * pu.factor / su.factor * conv.to_order AS cost_price,
                   sl.currency_id AS order_currency_id,
                   COALESCE(pol.inquiry_lead_days, 0) AS lead_days,
                   pol.price_unit > 0 AS answered,
                   pol.inquiry_choice AS inquiry_choice
              FROM purchase_order_line pol
              JOIN purchase_order po ON po.id = pol.order_id
              JOIN sale_order_line sl ON sl.id = pol.inquiry_sale_line_id
              JOIN sale_order s ON s.id = sl.order_id
              JOIN product_uom pu ON pu.id = pol.product_uom
              JOIN product_uom su ON su.id = sl.product_uom
              CROSS JOIN LATERAL (
                  SELECT CASE WHEN sl.currency_id IS NULL OR sl.currency_id = po.currency_id THEN 1.0
                              ELSE %(order_rate)s / %(rfq_rate)s END AS to_order
              ) conv
             WHERE po.state != 'cancel'
        """ % rate

    @api.model_cr
    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute('CREATE OR REPLACE VIEW %s AS (%s)' % (self._table, self._query()))

    @api.multi
    def action_choose(self):
        """Choose this answer for its quotation line (see sale.order._choose_inquiry_answer)."""
        self.ensure_one()
        self.sale_order_id._choose_inquiry_answer(self.purchase_line_id)
        return True
