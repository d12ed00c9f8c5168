from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.crm_lifecycle.models.cron_batch import BATCH_SIZE, commit_batch


class SalesCommissionLine(models.Model):
    """The base a salesperson earns commission on, from one collection (payment x invoice x rule) or one
    credit note (refund x rule, negative). Each source is recorded exactly once: ``source_key`` is unique
    and lines are inserted with ON CONFLICT DO NOTHING, whoever computes them and however often."""
    _name = 'sales.commission.line'
    _description = 'Commission Line'
    _order = 'date desc, id desc'

    source_key = fields.Char('Source', required=True, readonly=True, index=True)
    company_id = fields.Many2one('res.company', string='Company', required=True, index=True, readonly=True)
    user_id = fields.Many2one('res.users', string='Salesperson', required=True, index=True, readonly=True)
    team_id = fields.Many2one('crm.team', string='Sales Team', index=True, readonly=True)
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
        is missing is added, so a re-run gives the same result."""
        company_domain = [('company_id', '=', company.id)] if company else []
        payments = self.env['account.payment'].sudo().search(company_domain + [
            ('payment_type', '=', 'inbound'), ('partner_type', '=', 'customer'),
            ('state', 'in', ('posted', 'reconciled')),
            ('payment_date', '>=', date_from), ('payment_date', '<=', date_to)])
        refunds = self.env['account.invoice'].sudo().search(company_domain + [
            ('type', '=', 'out_refund'), ('state', 'in', ('open', 'paid')), ('user_id', '!=', False),
            ('date_invoice', '>=', date_from), ('date_invoice', '<=', date_to)])
        lines = self.sudo()._from_payments(payments) | self.sudo()._from_refunds(refunds)
        return lines

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
            count += len(Line._from_payments(self.env['account.payment'].sudo().browse(
                payment_ids[start:start + BATCH_SIZE])))
            commit_batch(self.env)
        for start in range(0, len(refund_ids), BATCH_SIZE):
            count += len(Line._from_refunds(self.env['account.invoice'].sudo().browse(
                refund_ids[start:start + BATCH_SIZE])))
            commit_batch(self.env)
        return count
