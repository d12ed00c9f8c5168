from odoo import api, fields, models, tools

from odoo.addons.contract_mgmt.models.sale_contract import LOCKED_STATES

from ..models.sales_plan_line_split import METRICS_ALL


class SalesPlanAttainment(models.Model):
    """Actual vs target of every plan line over its period (the plan year when the line has none).

    Actuals, in the company of the plan, by salesperson (the document's user_id) and team (the line's team and
    all its sub-teams):
    signed amount — contracts signed (or further) by sign date, amount_total;
    invoiced amount — open or paid customer invoices minus credit notes by invoice date, amount_total;
    collected amount — payments by payment date: the part of each payment reconciled with a customer invoice
    (account.partial.reconcile), so a payment over two months or two invoices counts where it belongs;
    product quantity — product_uom_qty of confirmed order lines by confirmation date (product, category and
    its sub-categories);
    new customers — customer companies (partners without parent) created in the period, by owner.
    """
    _name = 'sales.plan.attainment'
    _description = 'Sales Plan Attainment'
    _auto = False
    _rec_name = 'line_id'
    _order = 'plan_id, line_id'

    line_id = fields.Many2one('sales.plan.line', 'Target', readonly=True)
    parent_line_id = fields.Many2one('sales.plan.line', 'Parent Target', readonly=True)
    plan_id = fields.Many2one('sales.plan', 'Sales Plan', readonly=True)
    plan_state = fields.Selection(lambda self: self.env['sales.plan']._fields['state'].selection,
                                  string='Plan Status', readonly=True)
    year = fields.Integer(readonly=True)
    metric = fields.Selection(METRICS_ALL, readonly=True)
    team_id = fields.Many2one('crm.team', 'Sales Team', readonly=True)
    user_id = fields.Many2one('res.users', 'Salesperson', readonly=True)
    product_id = fields.Many2one('product.product', 'Product', readonly=True)
    product_categ_id = fields.Many2one('product.category', 'Product Category', readonly=True)
    date_range_id = fields.Many2one('date.range', 'Period', readonly=True)
    date_start = fields.Date('Period Start', readonly=True)
    date_end = fields.Date('Period End', readonly=True)
    company_id = fields.Many2one('res.company', 'Company', readonly=True)
    target = fields.Float(readonly=True, group_operator='sum')
    actual = fields.Float(readonly=True, group_operator='sum')
    gap = fields.Float(readonly=True, group_operator='sum', help='Target minus actual: what is still to reach.')
    progress = fields.Float('Progress (%)', readonly=True, group_operator='avg',
                            help='Actual as a percentage of the target.')

    @api.model_cr
    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute("""
            CREATE OR REPLACE VIEW sales_plan_attainment AS (
                WITH RECURSIVE team_tree(root_id, team_id) AS (
                    SELECT id, id FROM crm_team
                    UNION ALL
                    SELECT tree.root_id, team.id FROM team_tree tree JOIN crm_team team ON team.parent_id = tree.team_id
                ),
                categ_tree(root_id, categ_id) AS (
                    SELECT id, id FROM product_category
                    UNION ALL
                    SELECT tree.root_id, categ.id
                      FROM categ_tree tree JOIN product_category categ ON categ.parent_id = tree.categ_id
                ),
                target AS (
                    SELECT l.id, l.parent_id, l.plan_id, p.state AS plan_state, p.year, l.metric, l.team_id,
                           l.user_id, l.product_id, l.product_categ_id, l.date_range_id, p.company_id, l.target,
                           COALESCE(l.date_start, make_date(p.year, 1, 1)) AS date_start,
                           COALESCE(l.date_end, make_date(p.year, 12, 31)) AS date_end
                      FROM sales_plan_line l
                      JOIN sales_plan p ON p.id = l.plan_id
                ),
                fact AS (
                    SELECT 'signed_amount'::varchar AS metric, c.company_id, c.sign_date AS date, c.user_id,
                           c.team_id, NULL::integer AS product_id, NULL::integer AS categ_id, c.amount_total AS amount
                      FROM sale_contract c
                     WHERE c.state IN %(locked)s AND c.sign_date IS NOT NULL
                    UNION ALL
                    SELECT 'invoiced_amount', i.company_id, i.date_invoice, i.user_id, i.team_id, NULL, NULL,
                           CASE WHEN i.type = 'out_refund' THEN -i.amount_total ELSE i.amount_total END
                      FROM account_invoice i
                     WHERE i.type IN ('out_invoice', 'out_refund') AND i.state IN ('open', 'paid')
                    UNION ALL
                    SELECT 'collected_amount', i.company_id, payment_line.date, i.user_id, i.team_id, NULL, NULL,
                           apr.amount
                      FROM account_partial_reconcile apr
                      JOIN account_move_line invoice_line ON invoice_line.id = apr.debit_move_id
                      JOIN account_invoice i ON i.id = invoice_line.invoice_id AND i.type = 'out_invoice'
                      JOIN account_move_line payment_line ON payment_line.id = apr.credit_move_id
                                                         AND payment_line.payment_id IS NOT NULL
                    UNION ALL
                    SELECT 'product_qty', o.company_id, o.confirmation_date::date, o.user_id, o.team_id,
                           sol.product_id, pt.categ_id, sol.product_uom_qty
                      FROM sale_order_line sol
                      JOIN sale_order o ON o.id = sol.order_id
                      JOIN product_product pp ON pp.id = sol.product_id
                      JOIN product_template pt ON pt.id = pp.product_tmpl_id
                     WHERE o.state IN ('sale', 'done') AND o.confirmation_date IS NOT NULL
                    UNION ALL
                    SELECT 'new_customers', p.company_id, p.create_date::date, p.user_id, p.team_id, NULL, NULL, 1
                      FROM res_partner p
                     WHERE p.customer AND p.active AND p.parent_id IS NULL
                )
                SELECT t.id, t.id AS line_id, t.parent_id AS parent_line_id, t.plan_id, t.plan_state, t.year,
                       t.metric, t.team_id, t.user_id, t.product_id, t.product_categ_id, t.date_range_id,
                       t.date_start, t.date_end, t.company_id, t.target,
                       COALESCE(a.actual, 0.0) AS actual,
                       t.target - COALESCE(a.actual, 0.0) AS gap,
                       CASE WHEN t.target > 0 THEN 100.0 * COALESCE(a.actual, 0.0) / t.target ELSE 0.0 END
                           AS progress
                  FROM target t
                  LEFT JOIN LATERAL (
                      SELECT SUM(f.amount) AS actual
                        FROM fact f
                       WHERE f.metric = t.metric
                         AND f.company_id = t.company_id
                         AND f.date BETWEEN t.date_start AND t.date_end
                         AND (t.user_id IS NULL OR f.user_id = t.user_id)
                         AND (t.team_id IS NULL OR f.team_id IN (
                                  SELECT tree.team_id FROM team_tree tree WHERE tree.root_id = t.team_id))
                         AND (t.product_id IS NULL OR f.product_id = t.product_id)
                         AND (t.product_categ_id IS NULL OR f.categ_id IN (
                                  SELECT tree.categ_id FROM categ_tree tree WHERE tree.root_id = t.product_categ_id))
                  ) a ON TRUE)""", {'locked': tuple(LOCKED_STATES)})
