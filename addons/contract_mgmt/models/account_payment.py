from odoo import _, api, models


class AccountPayment(models.Model):
    _inherit = 'account.payment'

    @api.multi
    def post(self):
        result = super(AccountPayment, self).post()
        self._award_loyalty_points()
        return result

    def _award_loyalty_points(self):
        """A payment collected on a contract's or an instalment's invoice earns the customer loyalty points
        (crm_lifecycle's ledger): one point per the company's amount per point, once per payment."""
        for payment in self.filtered(lambda p: p.payment_type == 'inbound' and p.partner_type == 'customer'):
            invoices = payment.invoice_ids.filtered(lambda inv: inv.contract_id or inv.payment_plan_id)
            rate = payment.company_id.loyalty_amount_per_point
            if not invoices or rate <= 0:
                continue
            amount = payment.currency_id.with_context(date=payment.payment_date).compute(
                payment.amount, payment.company_id.currency_id)
            points = int(amount // rate)
            if points:
                # the reason stays the same whoever posts, so that the award is recorded once per payment
                reason = payment.with_context(lang=payment.company_id.partner_id.lang)._loyalty_reason()
                payment.partner_id.commercial_partner_id.sudo().award_loyalty_points(
                    points, reason, origin=', '.join(invoices.mapped('number')), source=payment)

    def _loyalty_reason(self):
        return _('Payment collected: %s') % self.name
