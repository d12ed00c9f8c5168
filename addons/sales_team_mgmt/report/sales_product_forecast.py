from odoo import api, fields, models, tools


class SalesProductForecast(models.Model):
    """Product quantities expected to ship, by month, as input for supply planning (per product, month and
    company; quantities in the product's unit):
    confirmed orders — what is still to deliver on confirmed order lines (ordered minus delivered), in the
    month the line is due (confirmation date plus the line's customer lead time);
    open opportunities — the quantities of their products of interest (sales_funnel crm.lead.product)
    weighted by the historical conversion rate of their stage (sales_funnel's forecast), in the month of
    expected closing; opportunities without an expected closing date are left out.
    What is already late (due or expected before this month) counts in the current month: it is still to
    supply. Storable and consumable products only."""
    _name = 'sales.product.forecast'
    _description = 'Product Quantity Forecast'
    _auto = False
    _rec_name = 'product_id'
    _order = 'month, product_id'

    source = fields.Selection([('order', 'Confirmed Order'), ('opportunity', 'Open Opportunity')],
                              string='Source', readonly=True)
    month = fields.Date('Month', readonly=True)
    product_id = fields.Many2one('product.product', 'Product', readonly=True)
    categ_id = fields.Many2one('product.category', 'Product Category', readonly=True)
    company_id = fields.Many2one('res.company', 'Company', readonly=True)
    user_id = fields.Many2one('res.users', 'Salesperson', readonly=True)
    team_id = fields.Many2one('crm.team', 'Sales Team', readonly=True)
    order_id = fields.Many2one('sale.order', 'Sales Order', readonly=True)
    lead_id = fields.Many2one('crm.lead', 'Opportunity', readonly=True)
    open_quantity = fields.Float('Open Quantity', readonly=True,
                                 help='Still to deliver, or the quantity of the opportunity unweighted.')
    rate = fields.Float('Rate (%)', readonly=True, group_operator='avg', digits=(16, 1))
    quantity = fields.Float('Forecast Quantity', readonly=True,
                            help='Still to deliver, or the opportunity\'s quantity times its historical rate.')

    @api.model_cr
    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute("""
            CREATE OR REPLACE VIEW sales_product_forecast AS (
                SELECT sol.id * 10 + 1 AS id, 'order'::varchar AS source,
                       GREATEST(date_trunc('month', o.confirmation_date
                                                    + COALESCE(sol.customer_lead, 0) * interval '1 day'),
                                date_trunc('month', CURRENT_DATE))::date AS month,
                       sol.product_id, pt.categ_id, o.company_id, o.user_id, o.team_id, o.id AS order_id,
                       NULL::integer AS lead_id,
                       (sol.product_uom_qty - sol.qty_delivered) / line_uom.factor * product_uom.factor
                           AS open_quantity,
                       100.0 AS rate,
                       (sol.product_uom_qty - sol.qty_delivered) / line_uom.factor * product_uom.factor AS quantity
                  FROM sale_order_line sol
                  JOIN sale_order o ON o.id = sol.order_id
                  JOIN product_product pp ON pp.id = sol.product_id
                  JOIN product_template pt ON pt.id = pp.product_tmpl_id
                  JOIN product_uom line_uom ON line_uom.id = sol.product_uom
                  JOIN product_uom product_uom ON product_uom.id = pt.uom_id
                 WHERE o.state IN ('sale', 'done') AND o.confirmation_date IS NOT NULL
                   AND pt.type IN ('product', 'consu') AND sol.product_uom_qty > sol.qty_delivered
                UNION ALL
                SELECT lp.id * 10 + 2, 'opportunity',
                       GREATEST(date_trunc('month', f.date), date_trunc('month', CURRENT_DATE))::date,
                       lp.product_id, pt.categ_id, f.company_id, f.user_id, f.team_id, NULL, f.lead_id,
                       lp.quantity / COALESCE(lead_uom.factor, product_uom.factor) * product_uom.factor,
                       f.history_rate,
                       lp.quantity / COALESCE(lead_uom.factor, product_uom.factor) * product_uom.factor
                           * f.history_rate / 100.0
                  FROM crm_lead_product lp
                  JOIN crm_forecast_report f ON f.lead_id = lp.lead_id AND f.source = 'opportunity'
                  JOIN product_product pp ON pp.id = lp.product_id
                  JOIN product_template pt ON pt.id = pp.product_tmpl_id
                  JOIN product_uom product_uom ON product_uom.id = pt.uom_id
                  LEFT JOIN product_uom lead_uom ON lead_uom.id = lp.uom_id
                 WHERE f.date IS NOT NULL AND pt.type IN ('product', 'consu')
            )""")
