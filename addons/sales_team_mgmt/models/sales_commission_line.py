from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.crm_lifecycle.models.cron_batch import BATCH_SIZE, commit_batch
from odoo.addons.crm_lifecycle.models.table_statistics import ensure_statistics

from ..report.sales_plan_attainment import CATEG_TREE


class SalesCommissionLine(models.Model):
    """The base a salesperson earns commission on, from one collection (payment x invoice x rule) or one
    credit note (refund x rule, negative). Each source is recorded exactly once: ``source_key`` is unique
    and lines are inserted with ON CONFLICT DO NOTHING, whoever computes them and however often."""
    _name = 'sales.commission.line'
    _description = 'Commission Line'
    _order = 'date desc, id desc'

    source_key = fields.Char('Source', required=True, readonly=True)  # indexed by its unique constraint
    company_id = fields.Many2one('res.company', string='Company', required=True, readonly=True)
    user_id = fields.Many2one('res.users', string='Salesperson', required=True, readonly=True)  # see init()
    team_id = fields.Many2one('crm.team', string='Sales Team', readonly=True)
    # the rule refuses to be deleted while it has lines (see its unlink); the module's uninstall deletes both
    rule_id = fields.Many2one('sales.commission.rule', string='Rule', required=True, index=True, readonly=True,
                              ondelete='cascade')
    invoice_id = fields.Many2one('account.invoice', string='Invoice', index=True, readonly=True)
    payment_id = fields.Many2one('account.payment', string='Payment', index=True, readonly=True)
    date = fields.Date(required=True, index=True, readonly=True)
    collected_amount = fields.Monetary('Collected', currency_field='currency_id', readonly=True,
                                       help='Collected on the invoice by this payment (negative for a credit note).')
    base_amount = fields.Monetary('Commission Base', currency_field='currency_id', readonly=True)
    currency_id = fields.Many2one(related='company_id.currency_id', readonly=True)
    statement_id = fields.Many2one('sales.commission.statement', string='Statement', index=True, readonly=True,
                                   ondelete='set null')

    _sql_constraints = [('source_key_unique', 'unique (source_key)', 'A commission source is recorded once.')]

    @api.model_cr
    def init(self):
        # a salesperson's lines of a period: what statements add up and attach
        self.env.cr.execute("CREATE INDEX IF NOT EXISTS sales_commission_line_user_date_index "
                            "ON sales_commission_line (user_id, date)")

    @api.multi
    def unlink(self):
        if self.filtered('statement_id') and not self.env.user._is_superuser():
            raise UserError(_('Commission lines of a statement cannot be deleted.'))
        return super().unlink()

    @api.model
    def _insert_lines(self, values_list):
        """Insert the lines whose source is not recorded yet; returns the new lines. Concurrent-safe: the
        unique index decides, a second transaction inserting the same source waits and then skips it."""
        ids = []
        uid = self.env.uid
        for vals in values_list:
            self.env.cr.execute("""
                INSERT INTO sales_commission_line (source_key, company_id, user_id, team_id, rule_id, invoice_id,
                    payment_id, date, collected_amount, base_amount, create_uid, write_uid, create_date, write_date)
                VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, now() at time zone 'UTC',
                        now() at time zone 'UTC')
                ON CONFLICT (source_key) DO NOTHING
                RETURNING id
            """, [vals['source_key'], vals['company_id'], vals['user_id'], vals.get('team_id'), vals['rule_id'],
                  vals.get('invoice_id'), vals.get('payment_id'), vals['date'], vals.get('collected_amount', 0.0),
                  vals.get('base_amount', 0.0), uid, uid])
            row = self.env.cr.fetchone()
            if row:
                ids.append(row[0])
        return self.browse(ids)

    @api.model
    def _values_for(self, invoice, amount, date, key, payment=None):
        """One set of values per rule that applies to the invoice's salesperson on ``date``."""
        user = invoice.user_id
        team = invoice.team_id or user.sale_team_id
        values = []
        for rule in self.env['sales.commission.rule']._rules_for(user, team, invoice.company_id, date):
            values.append({
                'source_key': '%s-rule-%d' % (key, rule.id), 'company_id': invoice.company_id.id,
                'user_id': user.id, 'team_id': team.id or None, 'rule_id': rule.id, 'invoice_id': invoice.id,
                'payment_id': payment.id if payment else None, 'date': date, 'collected_amount': amount,
                'base_amount': invoice.currency_id.round(amount * rule._base_share(invoice))})
        return values

    @api.model
    def _from_payments(self, payments):
        """Lines for the part of each inbound customer payment collected on each invoice with a salesperson."""
        values = []
        for payment in payments.filtered(lambda p: p.payment_type == 'inbound' and p.partner_type == 'customer'
                                         and p.state in ('posted', 'reconciled')):
            for invoice in payment.invoice_ids.filtered(lambda inv: inv.type == 'out_invoice' and inv.user_id):
                amount = sum(vals['amount'] for vals in invoice._get_payments_vals()
                             if vals.get('account_payment_id') == payment.id)
                if amount:
                    values += self._values_for(invoice, amount, payment.payment_date,
                                               'pay-%d-inv-%d' % (payment.id, invoice.id), payment)
        return self._insert_lines(values)

    @api.model
    def _from_refunds(self, refunds):
        """A negative line for each validated customer credit note with a salesperson."""
        values = []
        for refund in refunds.filtered(lambda r: r.type == 'out_refund' and r.user_id and
                                       r.state in ('open', 'paid')):
            values += self._values_for(refund, -refund.amount_total, refund.date_invoice, 'ref-%d' % refund.id)
        return self._insert_lines(values)

    @api.model
    def compute_period(self, date_from, date_to, company=None):
        """(Re)compute the lines of a period from its payments and credit notes: what is recorded stays, what
        is missing is added, so a re-run gives the same result. Returns the number of lines added."""
        company_domain = [('company_id', '=', company.id)] if company else []
        refunds = self.env['account.invoice'].sudo().search(company_domain + [
            ('type', '=', 'out_refund'), ('state', 'in', ('open', 'paid')), ('user_id', '!=', False),
            ('date_invoice', '>=', date_from), ('date_invoice', '<=', date_to)])
        return self._from_collections(date_from, date_to, company) + len(self.sudo()._from_refunds(refunds))

    @api.model
    def _from_collections(self, date_from, date_to, company=None, payment_ids=None):
        """The lines of the collections of a period (of ``company``, of the payments ``payment_ids``): those
        on invoices in the company's currency by one statement (``_insert_collections``), the others (foreign
        currency: the amount shown on the invoice is converted) through the ORM. Returns the number added."""
        params = {'date_from': date_from, 'date_to': date_to, 'company_id': company.id if company else None,
                  'payment_ids': list(payment_ids) if payment_ids is not None else None}
        count = self._insert_collections(params)
        self.env.cr.execute("""
            SELECT DISTINCT p.id
              FROM account_payment p
              JOIN account_invoice_payment_rel rel ON rel.payment_id = p.id
              JOIN account_invoice i ON i.id = rel.invoice_id
              JOIN res_company company ON company.id = i.company_id
             WHERE p.payment_date BETWEEN %(date_from)s AND %(date_to)s AND i.currency_id != company.currency_id
               AND (%(company_id)s IS NULL OR p.company_id = %(company_id)s)
               AND (%(payment_ids)s IS NULL OR p.id = ANY(%(payment_ids)s))""", params)
        foreign = self.env['account.payment'].sudo().browse([row[0] for row in self.env.cr.fetchall()])
        return count + len(self.sudo()._from_payments(foreign))

    @api.model
    def _insert_collections(self, params):
        """The lines of the collections of a period in one INSERT ... SELECT, with the arithmetic of
        ``_from_payments``: per payment, invoice (customer invoice with a salesperson, in the company's
        currency) and rule that applies on the payment date, the amount of the payment reconciled with the
        invoice and its base (times the rule's share of the invoice, rounded to the currency). Each source
        once (ON CONFLICT DO NOTHING). ``params``: date_from, date_to, company_id and payment_ids (None: all).
        Returns the number of lines added."""
        # the small tables joined here may never have been analysed: see ensure_statistics
        ensure_statistics(self.env.cr, ('crm_team', 'product_category', 'res_company', 'res_currency',
                                        'res_users', 'sales_commission_rule'))
        self.env.cr.execute("""
            WITH RECURSIVE team_up(team_id, ancestor_id) AS (
                SELECT id, id FROM crm_team
                UNION ALL
                SELECT up.team_id, team.parent_id FROM team_up up JOIN crm_team team ON team.id = up.ancestor_id
                 WHERE team.parent_id IS NOT NULL
            ),
            """ + CATEG_TREE + """,
            collection AS (
                SELECT p.id AS payment_id, i.id AS invoice_id, i.company_id, i.user_id,
                       COALESCE(i.team_id, u.sale_team_id) AS team_id, p.payment_date AS date,
                       SUM(apr.amount) AS amount
                  FROM account_payment p
                  JOIN account_move_line payment_line ON payment_line.payment_id = p.id
                  JOIN account_partial_reconcile apr ON apr.credit_move_id = payment_line.id
                  JOIN account_move_line invoice_line ON invoice_line.id = apr.debit_move_id
                  JOIN account_invoice i ON i.id = invoice_line.invoice_id
                  JOIN res_company company ON company.id = i.company_id
                  JOIN res_users u ON u.id = i.user_id
                 WHERE p.payment_type = 'inbound' AND p.partner_type = 'customer'
                   AND p.state IN ('posted', 'reconciled') AND p.payment_date BETWEEN %(date_from)s AND %(date_to)s
                   AND i.type = 'out_invoice' AND i.currency_id = company.currency_id
                   AND (%(company_id)s IS NULL OR p.company_id = %(company_id)s)
                   AND (%(payment_ids)s IS NULL OR p.id = ANY(%(payment_ids)s))
                 GROUP BY p.id, i.id, u.sale_team_id
            ),
            applied AS (
                SELECT c.*, r.id AS rule_id, r.base, r.categ_id
                  FROM collection c
                  JOIN sales_commission_rule r
                    ON r.company_id = c.company_id AND r.active
                   AND (r.date_from IS NULL OR r.date_from <= c.date) AND (r.date_to IS NULL OR r.date_to >= c.date)
                   AND (r.applies_to = 'all' OR (r.applies_to = 'user' AND r.user_id = c.user_id)
                        OR (r.applies_to = 'team' AND EXISTS (
                            SELECT 1 FROM team_up up WHERE up.team_id = c.team_id AND up.ancestor_id = r.team_id)))
                 -- recorded already (when the payment was posted): nothing to compute
                 WHERE NOT EXISTS (SELECT 1 FROM sales_commission_line recorded
                                    WHERE recorded.payment_id = c.payment_id AND recorded.invoice_id = c.invoice_id
                                      AND recorded.rule_id = r.id)
            )
            INSERT INTO sales_commission_line (source_key, company_id, user_id, team_id, rule_id, invoice_id,
                payment_id, date, collected_amount, base_amount, create_uid, write_uid, create_date, write_date)
            SELECT 'pay-' || a.payment_id || '-inv-' || a.invoice_id || '-rule-' || a.rule_id, a.company_id,
                   a.user_id, a.team_id, a.rule_id, a.invoice_id, a.payment_id, a.date, a.amount,
                   ROUND((a.amount * share.value / currency.rounding)::numeric) * currency.rounding,
                   %(uid)s, %(uid)s, now() at time zone 'UTC', now() at time zone 'UTC'
              FROM applied a
              JOIN account_invoice i ON i.id = a.invoice_id
              JOIN res_company company ON company.id = a.company_id
              JOIN res_currency currency ON currency.id = company.currency_id
             CROSS JOIN LATERAL (
                 -- the part of the invoice the rule pays on: tax included, or the margin (subtotal minus cost)
                 SELECT COALESCE(SUM(CASE WHEN a.base = 'margin'
                                          THEN l.price_subtotal - COALESCE(cost.value_float, 0.0) * l.quantity
                                          ELSE l.price_total END) / NULLIF(i.amount_total, 0), 0.0) AS value
                   FROM account_invoice_line l
                   LEFT JOIN LATERAL (
                       SELECT prop.value_float FROM ir_property prop
                        WHERE a.base = 'margin' AND prop.name = 'standard_price'
                          AND (prop.company_id = i.company_id OR prop.company_id IS NULL)
                          AND (prop.res_id = 'product.product,' || l.product_id OR prop.res_id IS NULL)
                        ORDER BY prop.res_id NULLS LAST, prop.company_id NULLS LAST LIMIT 1) cost ON TRUE
                  WHERE l.invoice_id = i.id AND (a.categ_id IS NULL OR EXISTS (
                        SELECT 1 FROM product_product pp
                          JOIN product_template pt ON pt.id = pp.product_tmpl_id
                          JOIN categ_tree tree ON tree.categ_id = pt.categ_id AND tree.root_id = a.categ_id
                         WHERE pp.id = l.product_id))) share
            ON CONFLICT (source_key) DO NOTHING""", dict(params, uid=self.env.uid))
        return self.env.cr.rowcount

    @api.model
    def _cron_compute_recent(self):
        """Scheduled: catch up the last 31 days (payments posted while the hook could not run, new rules), in
        batches committed one by one; a run stopped half-way keeps its batches and a re-run adds only what is
        missing (each source once, ON CONFLICT DO NOTHING)."""
        today = fields.Date.from_string(fields.Date.context_today(self))
        self._compute_in_batches(fields.Date.to_string(today - timedelta(days=31)), fields.Date.to_string(today))

    @api.model
    def _compute_in_batches(self, date_from, date_to):
        """The payments and credit notes of the period, each picked with one query on indexed columns
        (payment_date, date_invoice), then processed BATCH_SIZE at a time."""
        cr = self.env.cr
        cr.execute("""SELECT id FROM account_payment
                       WHERE payment_date BETWEEN %s AND %s AND payment_type = 'inbound'
                         AND partner_type = 'customer' AND state IN ('posted', 'reconciled')
                       ORDER BY id""", [date_from, date_to])
        payment_ids = [row[0] for row in cr.fetchall()]
        cr.execute("""SELECT id FROM account_invoice
                       WHERE date_invoice BETWEEN %s AND %s AND type = 'out_refund'
                         AND state IN ('open', 'paid') AND user_id IS NOT NULL
                       ORDER BY id""", [date_from, date_to])
        refund_ids = [row[0] for row in cr.fetchall()]
        Line = self.sudo()
        count = 0
        for start in range(0, len(payment_ids), BATCH_SIZE):
            count += Line._from_collections(date_from, date_to, payment_ids=payment_ids[start:start + BATCH_SIZE])
            commit_batch(self.env)
        for start in range(0, len(refund_ids), BATCH_SIZE):
            count += len(Line._from_refunds(self.env['account.invoice'].sudo().browse(
                refund_ids[start:start + BATCH_SIZE])))
            commit_batch(self.env)
        return count
