from odoo import api, fields, models, tools

from odoo.addons.contract_mgmt.models.sale_contract import LOCKED_STATES

from ..models.sales_plan_line_split import METRICS_ALL

# The documents behind each metric: company, day, salesperson, team, product and what they add
# (%(categ_join)s: the product's category, only where a line needs it).
FACTS = {
    'signed_amount': """
        SELECT c.company_id, c.sign_date AS date, c.user_id, c.team_id, NULL::integer AS product_id,
               NULL::integer AS categ_id, c.amount_total AS amount
          FROM sale_contract c
         WHERE c.state IN %%(locked)s AND c.sign_date IS NOT NULL""",
    'invoiced_amount': """
        SELECT i.company_id, i.date_invoice AS date, i.user_id, i.team_id, NULL::integer AS product_id,
               NULL::integer AS categ_id,
               CASE WHEN i.type = 'out_refund' THEN -i.amount_total ELSE i.amount_total END AS amount
          FROM account_invoice i
         WHERE i.type IN ('out_invoice', 'out_refund') AND i.state IN ('open', 'paid')""",
    'collected_amount': """
        SELECT i.company_id, payment_line.date, i.user_id, i.team_id, NULL::integer AS product_id,
               NULL::integer AS categ_id, apr.amount
          FROM account_partial_reconcile apr
          JOIN account_move_line invoice_line ON invoice_line.id = apr.debit_move_id
          JOIN account_invoice i ON i.id = invoice_line.invoice_id AND i.type = 'out_invoice'
          JOIN account_move_line payment_line ON payment_line.id = apr.credit_move_id
                                             AND payment_line.payment_id IS NOT NULL""",
    'product_qty': """
        SELECT o.company_id, o.confirmation_date::date AS date, o.user_id, o.team_id, sol.product_id,
               %(categ)s AS categ_id, sol.product_uom_qty AS amount
          FROM sale_order_line sol
          JOIN sale_order o ON o.id = sol.order_id%(categ_join)s
         WHERE o.state IN ('sale', 'done') AND o.confirmation_date IS NOT NULL AND sol.product_id IS NOT NULL""",
    'new_customers': """
        SELECT p.company_id, p.create_date::date AS date, p.user_id, p.team_id, NULL::integer AS product_id,
               NULL::integer AS categ_id, 1 AS amount
          FROM res_partner p
         WHERE p.customer AND p.active AND p.parent_id IS NULL""",
}
# Each product category with itself and all its sub-categories (a recursive WITH item).
# Each team with itself and all its sub-teams (root_id: the team a target is set on)
TEAM_TREE = """team_tree(root_id, team_id) AS (
            SELECT id, id FROM crm_team
            UNION ALL
            SELECT tree.root_id, team.id FROM team_tree tree JOIN crm_team team ON team.parent_id = tree.team_id
        )"""
CATEG_TREE = """categ_tree(root_id, categ_id) AS (
            SELECT id, id FROM product_category
            UNION ALL
            SELECT tree.root_id, categ.id
              FROM categ_tree tree JOIN product_category categ ON categ.parent_id = tree.categ_id
        )"""
CATEG_JOIN = """
          JOIN product_product pp ON pp.id = sol.product_id
          JOIN product_template pt ON pt.id = pp.product_tmpl_id"""

# Shapes of a line: who (its salesperson / its team tree / the company) and, for product quantities, which
# products (its product / its category tree / all). Each: the condition on the line, the line's column and
# the documents' key it is equal to, with the tree that gives a document's key (a document of a sub-team
# counts for every team above it, a product of a sub-category for every category above).
WHO = [
    ('t.user_id IS NOT NULL', 't.user_id', 'fact.user_id', ''),
    ('t.user_id IS NULL AND t.team_id IS NOT NULL', 't.team_id', 'team.root_id',
     ' JOIN team_tree team ON team.team_id = fact.team_id'),
    ('t.user_id IS NULL AND t.team_id IS NULL', None, None, ''),
]
WHICH = [
    ('t.product_id IS NOT NULL', 't.product_id', 'fact.product_id', ''),
    ('t.product_id IS NULL AND t.product_categ_id IS NOT NULL', 't.product_categ_id', 'categ.root_id',
     ' JOIN categ_tree categ ON categ.categ_id = fact.categ_id'),
    ('t.product_id IS NULL AND t.product_categ_id IS NULL', None, None, ''),
]
ALL_PRODUCTS = WHICH[2]
TARGET_COLUMNS = ('t.id, t.parent_id, t.plan_id, t.plan_state, t.year, t.metric, t.team_id, t.user_id, '
                  't.product_id, t.product_categ_id, t.date_range_id, t.date_start, t.date_end, t.company_id, '
                  't.target')


def fact_sql(metric, with_categ=False):
    """The documents of ``metric`` (parameter locked: the contract states that count as signed)."""
    return FACTS[metric] % {'categ': 'pt.categ_id' if with_categ else 'NULL::integer',
                            'categ_join': CATEG_JOIN if with_categ else '', 'locked': '%(locked)s'}


def _branch_sql(metric, who, which):
    """The lines of ``metric`` with one shape, each with the sum of its documents over its period: the
    documents added up per company, day and the shape's keys, joined to the lines on those keys."""
    fact = fact_sql(metric, with_categ=which[2] == 'categ.root_id')
    keys = [(line_column, key) for _cond, line_column, key, _tree in (who, which) if key]
    columns = ''.join(', %s AS key%d' % (key, index) for index, (_line, key) in enumerate(keys))
    group = ''.join(', %s' % key for _line, key in keys)
    on = ''.join(' AND f.key%d = %s' % (index, line_column) for index, (line_column, _key) in enumerate(keys))
    return """
        SELECT %(target)s, SUM(f.amount) AS actual
          FROM target t
          LEFT JOIN (SELECT fact.company_id, fact.date%(columns)s, SUM(fact.amount) AS amount
                       FROM (%(fact)s) fact%(trees)s
                      GROUP BY fact.company_id, fact.date%(group)s) f
                 ON f.company_id = t.company_id AND f.date BETWEEN t.date_start AND t.date_end%(on)s
         WHERE t.metric = '%(metric)s' AND %(who)s AND %(which)s
         GROUP BY %(target)s""" % {
        'target': TARGET_COLUMNS, 'columns': columns, 'fact': fact, 'trees': who[3] + which[3], 'group': group,
        'on': on, 'metric': metric, 'who': who[0], 'which': which[0]}


def attainment_view_sql():
    """Every line once: the branches of each metric and shape (product shapes only for product quantities)."""
    branches = [_branch_sql(metric, who, which) for metric, _label in METRICS_ALL for who in WHO
                for which in (WHICH if metric == 'product_qty' else [ALL_PRODUCTS])]
    return """
        WITH RECURSIVE %s,
        %s,
        target AS (
            SELECT l.id, l.parent_id, l.plan_id, p.state AS plan_state, p.year, l.metric, l.team_id, l.user_id,
                   l.product_id, l.product_categ_id, l.date_range_id, p.company_id, l.target,
                   COALESCE(l.date_start, make_date(p.year, 1, 1)) AS date_start,
                   COALESCE(l.date_end, make_date(p.year, 12, 31)) AS date_end
              FROM sales_plan_line l
              JOIN sales_plan p ON p.id = l.plan_id
        )
        SELECT a.id, a.id AS line_id, a.parent_id AS parent_line_id, a.plan_id, a.plan_state, a.year, a.metric,
               a.team_id, a.user_id, a.product_id, a.product_categ_id, a.date_range_id, a.date_start, a.date_end,
               a.company_id, a.target, COALESCE(a.actual, 0.0) AS actual, a.target - COALESCE(a.actual, 0.0) AS gap,
               CASE WHEN a.target > 0 THEN 100.0 * COALESCE(a.actual, 0.0) / a.target ELSE 0.0 END AS progress
          FROM (%s) a""" % (TEAM_TREE, CATEG_TREE, '\n        UNION ALL'.join(branches))


class SalesPlanAttainment(models.Model):
    """Actual vs target of every plan line over its period (the plan year when the line has none).

    Actuals, in the company of the plan: a line with a salesperson counts that person's documents (user_id);
    a line with a team and no salesperson counts the documents of the team and all its sub-teams; a line with
    neither, the whole company. A product line counts that product, a category line the category and its
    sub-categories.
    signed amount — contracts signed (or further) by sign date, amount_total;
    invoiced amount — open or paid customer invoices minus credit notes by invoice date, amount_total;
    collected amount — payments by payment date: the part of each payment reconciled with a customer invoice
    (account.partial.reconcile), so a payment over two months or two invoices counts where it belongs;
    product quantity — product_uom_qty of confirmed order lines by confirmation date;
    new customers — customer companies (partners without parent) created in the period, by owner.

    The view is one branch per metric and shape of line (who × which products, see ``attainment_view_sql``):
    each branch adds up the metric's documents per day on the keys of its shape and joins them to its lines
    on equal keys, so a query reads only the documents its lines need, once, with no loop over lines.
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
        self.env.cr.execute('CREATE OR REPLACE VIEW sales_plan_attainment AS (%s)' % attainment_view_sql(),
                            {'locked': tuple(LOCKED_STATES)})
