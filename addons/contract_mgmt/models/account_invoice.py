from odoo import api, fields, models


class AccountInvoice(models.Model):
    _inherit = 'account.invoice'

    contract_id = fields.Many2one('sale.contract', string='Contract', index=True, copy=False, readonly=True,
                                  states={'draft': [('readonly', False)]})
    # set null, not restrict: sale.payment.plan.unlink already refuses invoiced instalments, and the module's
    # uninstall must be able to drop them while the invoices (accounting) stay
    payment_plan_id = fields.Many2one('sale.payment.plan', string='Instalment', index=True, copy=False,
                                      readonly=True, ondelete='set null')
    collected_amount = fields.Monetary(
        'Collected', compute='_compute_collected', store=True,
        help='Payments received on this invoice (what credit notes settle is not collected money).')
    last_payment_date = fields.Date(compute='_compute_collected', store=True)

    @api.depends('payment_move_line_ids', 'residual', 'state')
    def _compute_collected(self):
        for invoice in self:
            payments = [vals for vals in invoice._get_payments_vals() if not vals.get('invoice_id')] \
                if invoice.state in ('open', 'paid') else []
            invoice.collected_amount = sum(vals['amount'] for vals in payments)
            invoice.last_payment_date = max(vals['date'] for vals in payments) if payments else False

    @api.model_cr
    def init(self):
        # One live invoice per instalment, whatever two transactions do at the same instant.
        self.env.cr.execute("""
            CREATE UNIQUE INDEX IF NOT EXISTS account_invoice_payment_plan_unique
            ON account_invoice (payment_plan_id) WHERE payment_plan_id IS NOT NULL AND state != 'cancel'
        """)
