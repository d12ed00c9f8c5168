from datetime import datetime

from odoo import _, api, fields, models
from odoo.tools import pycompat
from odoo.tools.misc import formatLang

from odoo.addons.crm_lifecycle.models.caller_time_zone import user_day

# How many past prices each list of the line's summary shows.
HISTORY_LIMIT = 5
HISTORY_KEYS = ('customer_quoted', 'customer_sold', 'all_quoted', 'all_sold')


class SaleOrderLine(models.Model):
    """Reference prices on a quotation line: what this customer and all customers were quoted and sold for
    the product, what the suppliers ask and what we paid, and the line's gross margin in percent.

    The summaries are read as superuser: a salesperson may not read other salespeople's orders nor purchase
    data, yet he prices better knowing them. They show only dates, quantities, prices and the names of
    salespeople and vendors, never the other customers or documents."""
    _inherit = 'sale.order.line'

    # The history and the reference prices look lines up by product.
    product_id = fields.Many2one(index=True)
    margin_percent = fields.Float(
        'Margin (%)', compute='_compute_margin_percent', store=True, digits=(16, 2), group_operator='avg',
        help='Gross margin against cost, in percent of the untaxed amount of the line.')
    price_history_html = fields.Html(
        'Price History', compute='_compute_price_history_html', sanitize=False,
        help='The last prices quoted and sold to this customer and to all customers for this product.')
    supplier_price_html = fields.Html(
        'Supplier Prices', compute='_compute_supplier_price_html', sanitize=False,
        help="The product's vendor prices and its last purchase prices.")

    @api.depends('margin', 'price_subtotal')
    def _compute_margin_percent(self):
        for line in self:
            line.margin_percent = line.margin / line.price_subtotal * 100.0 if line.price_subtotal else 0.0

    @api.depends('product_id', 'order_id.partner_id', 'order_id.company_id')
    def _compute_price_history_html(self):
        for line in self:
            if not line.product_id:
                line.price_history_html = False
                continue
            values = line._get_price_history()
            values['note'] = _('Prices after discount, per %(uom)s, in %(currency)s; this quotation is not '
                               'included.') % {'uom': line.product_id.uom_id.name,
                                               'currency': line._history_company().currency_id.name}
            line.price_history_html = line._render_reference_prices('quote_pricing.sale_line_price_history', values)

    @api.depends('product_id', 'order_id.company_id')
    def _compute_supplier_price_html(self):
        for line in self:
            line.supplier_price_html = line._render_reference_prices(
                'quote_pricing.sale_line_supplier_prices', line._get_supplier_reference_prices()) \
                if line.product_id else False

    def _render_reference_prices(self, template, values):
        return pycompat.to_text(self.env['ir.qweb'].render(template, values))

    def _history_date(self, value):
        """The user's day of an order date that SQL returns (UTC, a datetime or a string)."""
        if not value:
            return ''
        if not isinstance(value, datetime):
            value = fields.Datetime.from_string(value)
        return fields.Date.to_string(fields.Datetime.context_timestamp(self, value))

    def _history_company(self):
        return self.order_id.company_id or self.env.user.company_id

    @api.multi
    def _get_price_history(self, limit=HISTORY_LIMIT):
        """The last `limit` prices of the line's product, latest first, in four lists: quoted to the line's
        customer, sold to it, quoted to all customers, sold to all customers (this one included). Rows are
        dicts with date, quantity, price (per product unit, company currency, after discount) and
        salesperson, formatted for display; the line's own quotation is left out.

        One query on the history view for the line, with the ranks computed by the database."""
        self.ensure_one()
        history = {key: [] for key in HISTORY_KEYS}
        if not self.product_id:
            return history
        company = self._history_company()
        customer = self.order_id.partner_id.commercial_partner_id
        order_id = self.order_id.id if isinstance(self.order_id.id, int) else 0  # 0: a line being created
        self.env.cr.execute("""
            SELECT id, history_kind, is_customer, all_rank, customer_rank, date, product_qty, price_unit, user_id
              FROM (SELECT h.id, h.history_kind, h.date, h.product_qty, h.price_unit, h.user_id,
                           COALESCE(h.commercial_partner_id = %(customer)s, FALSE) AS is_customer,
                           row_number() OVER (PARTITION BY h.history_kind ORDER BY h.date DESC, h.id DESC) AS all_rank,
                           row_number() OVER (PARTITION BY h.history_kind,
                                                           COALESCE(h.commercial_partner_id = %(customer)s, FALSE)
                                              ORDER BY h.date DESC, h.id DESC) AS customer_rank
                      FROM sale_quote_history_report h
                     WHERE h.product_id = %(product)s AND h.company_id = %(company)s
                       AND h.order_id != %(order)s) ranked
             WHERE all_rank <= %(limit)s OR (is_customer AND customer_rank <= %(limit)s)
             ORDER BY date DESC, id DESC
        """, {'customer': customer.id or 0, 'product': self.product_id.id, 'company': company.id,
              'order': order_id, 'limit': limit})
        rows = self.env.cr.dictfetchall()
        users = self.env['res.users'].sudo().browse([row['user_id'] for row in rows if row['user_id']])
        user_names = {user.id: user.name for user in users}
        currency = company.currency_id
        uom = self.product_id.uom_id
        for row in rows:
            display = {
                'date': self._history_date(row['date']),
                'quantity': '%s %s' % (formatLang(self.env, row['product_qty'], dp='Product Unit of Measure'),
                                       uom.name),
                'price': formatLang(self.env, row['price_unit'], dp='Product Price', currency_obj=currency),
                'price_value': row['price_unit'],
                'quantity_value': row['product_qty'],
                'salesperson': user_names.get(row['user_id'], ''),
                'history_id': row['id'],
            }
            if row['all_rank'] <= limit:
                history['all_%s' % row['history_kind']].append(display)
            if row['is_customer'] and row['customer_rank'] <= limit:
                history['customer_%s' % row['history_kind']].append(display)
        return history

    @api.multi
    def _get_supplier_reference_prices(self, limit=HISTORY_LIMIT):
        """The product's vendor prices (product.supplierinfo valid for the order's company) and its last
        `limit` confirmed purchase prices, read as superuser: salespeople cannot read purchase data."""
        self.ensure_one()
        result = {'vendors': [], 'purchases': []}
        product = self.product_id
        if not product:
            return result
        company = self._history_company()
        sellers = product.sudo().seller_ids.filtered(
            lambda s: (not s.product_id or s.product_id == product)
            and (not s.company_id or s.company_id == company))
        for seller in sellers:
            result['vendors'].append({
                'vendor': seller.name.display_name,
                'price': formatLang(self.env, seller.price, dp='Product Price', currency_obj=seller.currency_id),
                'price_value': seller.price,
                'min_qty': '%s %s' % (formatLang(self.env, seller.min_qty, dp='Product Unit of Measure'),
                                      seller.product_uom.name or product.uom_po_id.name),
                'delay': seller.delay,
                'seller_id': seller.id,
            })
        self.env.cr.execute("""
            SELECT pol.id
              FROM purchase_order_line pol
              JOIN purchase_order po ON po.id = pol.order_id
             WHERE pol.product_id = %s AND po.company_id = %s AND po.state IN ('purchase', 'done')
             ORDER BY COALESCE(po.date_approve, po.date_order::date) DESC, pol.id DESC
             LIMIT %s
        """, (product.id, company.id, limit))
        purchase_lines = self.env['purchase.order.line'].sudo().browse([row[0] for row in self.env.cr.fetchall()])
        for purchase_line in purchase_lines:
            order = purchase_line.order_id
            result['purchases'].append({
                'date': order.date_approve or user_day(self, order.date_order),
                'vendor': order.partner_id.display_name,
                'quantity': '%s %s' % (formatLang(self.env, purchase_line.product_qty, dp='Product Unit of Measure'),
                                       purchase_line.product_uom.name),
                'price': formatLang(self.env, purchase_line.price_unit, dp='Product Price',
                                    currency_obj=purchase_line.currency_id),
                'price_value': purchase_line.price_unit,
                'purchase_line_id': purchase_line.id,
            })
        return result

    @api.multi
    def action_view_reference_prices(self):
        """The line's reference prices in a dialog (quotation lines are edited in a list, not a form)."""
        self.ensure_one()
        return {
            'type': 'ir.actions.act_window',
            'name': _('Reference Prices: %s') % self.product_id.display_name,
            'res_model': 'sale.order.line',
            'res_id': self.id,
            'view_mode': 'form',
            'view_id': self.env.ref('quote_pricing.sale_order_line_view_form_reference_prices').id,
            'target': 'new',
        }

    @api.multi
    def action_view_quote_history(self):
        """The quote history of the line's product, as far as the user may read it."""
        self.ensure_one()
        action = self.env.ref('quote_pricing.sale_quote_history_report_action').read()[0]
        action['context'] = {'search_default_product_id': self.product_id.id}
        action['target'] = 'current'
        return action
