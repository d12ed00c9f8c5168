from odoo import api, fields, models, tools


class AftersalesReturnReport(models.Model):
    """Returns by reason, status, product, customer, salesperson and month (one row per request line)."""
    _name = 'aftersales.return.report'
    _description = 'Return Analysis'
    _auto = False
    _rec_name = 'return_id'
    _order = 'date desc'

    return_id = fields.Many2one('aftersales.return', 'Return Request', readonly=True)
    date = fields.Date('Request Date', readonly=True)
    partner_id = fields.Many2one('res.partner', 'Customer', readonly=True)
    sale_order_id = fields.Many2one('sale.order', 'Sales Order', readonly=True)
    contract_id = fields.Many2one('sale.contract', 'Contract', readonly=True)
    salesperson_id = fields.Many2one('res.users', 'Salesperson', readonly=True)
    user_id = fields.Many2one('res.users', 'Responsible', readonly=True)
    requester_id = fields.Many2one('res.users', 'Requested By', readonly=True)
    team_id = fields.Many2one('crm.team', 'Team', readonly=True)
    reason_id = fields.Many2one('aftersales.return.reason', 'Return Reason', readonly=True)
    product_id = fields.Many2one('product.product', 'Product', readonly=True)
    state = fields.Selection(lambda self: self.env['aftersales.return']._fields['state'].selection,
                             'Status', readonly=True)
    company_id = fields.Many2one('res.company', 'Company', readonly=True)
    return_count = fields.Integer('# Return Requests', readonly=True, group_operator='sum',
                                  help='Counted once per request, on its first line.')
    quantity = fields.Float('Returned Quantity', readonly=True)
    amount = fields.Float('Return Amount', readonly=True)

    @api.model_cr
    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute("""
            CREATE OR REPLACE VIEW aftersales_return_report AS (
                SELECT l.id, r.id AS return_id, (r.create_date AT TIME ZONE 'UTC')::date AS date,
                       r.partner_id, r.sale_order_id, r.contract_id, r.salesperson_id, r.user_id,
                       r.create_uid AS requester_id, r.team_id, r.reason_id, l.product_id, r.state, r.company_id,
                       CASE WHEN l.id = (SELECT min(first.id) FROM aftersales_return_line first
                                          WHERE first.return_id = r.id) THEN 1 ELSE 0 END AS return_count,
                       l.quantity, l.amount
                  FROM aftersales_return_line l
                  JOIN aftersales_return r ON r.id = l.return_id
            )""")
