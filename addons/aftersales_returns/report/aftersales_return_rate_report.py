from odoo import api, fields, models, tools


class AftersalesReturnRateReport(models.Model):
    """Return rate per product: quantities received back from customers over quantities delivered to them,
    from the done moves of customer deliveries and their returns (in the product's unit). The rate of any
    group is its returned sum over its delivered sum (computed in read_group, not averaged)."""
    _name = 'aftersales.return.rate.report'
    _description = 'Return Rate'
    _auto = False
    _rec_name = 'product_id'
    _order = 'date desc'

    date = fields.Date('Date', readonly=True)
    product_id = fields.Many2one('product.product', 'Product', readonly=True)
    product_tmpl_id = fields.Many2one('product.template', 'Product Template', readonly=True)
    categ_id = fields.Many2one('product.category', 'Product Category', readonly=True)
    partner_id = fields.Many2one('res.partner', 'Customer', readonly=True)
    company_id = fields.Many2one('res.company', 'Company', readonly=True)
    delivered_qty = fields.Float('Delivered Quantity', readonly=True)
    returned_qty = fields.Float('Returned Quantity', readonly=True)
    return_rate = fields.Float('Return Rate (%)', readonly=True, digits=(16, 1), group_operator='avg',
                               help='Returned over delivered quantity, in percent.')

    @api.model_cr
    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute("""
            CREATE OR REPLACE VIEW aftersales_return_rate_report AS (
                SELECT m.id, (m.date AT TIME ZONE 'UTC')::date AS date, m.product_id, p.product_tmpl_id,
                       t.categ_id, COALESCE(partner.commercial_partner_id, partner.id) AS partner_id, m.company_id,
                       CASE WHEN dest.usage = 'customer' AND m.origin_returned_move_id IS NULL
                            THEN m.product_qty ELSE 0.0 END AS delivered_qty,
                       CASE WHEN src.usage = 'customer' AND m.origin_returned_move_id IS NOT NULL
                            THEN m.product_qty ELSE 0.0 END AS returned_qty,
                       NULL::double precision AS return_rate
                  FROM stock_move m
                  JOIN stock_location src ON src.id = m.location_id
                  JOIN stock_location dest ON dest.id = m.location_dest_id
                  JOIN product_product p ON p.id = m.product_id
                  JOIN product_template t ON t.id = p.product_tmpl_id
                  LEFT JOIN stock_picking pick ON pick.id = m.picking_id
                  LEFT JOIN res_partner partner ON partner.id = COALESCE(pick.partner_id, m.partner_id)
                 WHERE m.state = 'done' AND m.scrapped IS NOT TRUE
                   AND (src.usage = 'customer') != (dest.usage = 'customer')
            )""")

    @api.model
    def read_group(self, domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True):
        """The rate of a group is returned / delivered of the group."""
        with_rate = not fields or any(name.split(':')[0] == 'return_rate' for name in fields)
        if with_rate and fields:
            fields = list(fields) + [name for name in ('delivered_qty', 'returned_qty') if name not in fields]
        orderby = orderby if not (orderby and 'return_rate' in orderby) else False
        groups = super(AftersalesReturnRateReport, self).read_group(
            domain, fields, groupby, offset=offset, limit=limit, orderby=orderby, lazy=lazy)
        if with_rate:
            for group in groups:
                delivered = group.get('delivered_qty') or 0.0
                group['return_rate'] = 100.0 * (group.get('returned_qty') or 0.0) / delivered if delivered else 0.0
        return groups
