from odoo import api, models


class AccountInvoice(models.Model):
    _inherit = 'account.invoice'

    @api.multi
    def invoice_validate(self):
        result = super(AccountInvoice, self).invoice_validate()
        # a customer credit note takes back the commission of its salesperson
        self.env['sales.commission.line'].sudo()._from_refunds(self.filtered(lambda inv: inv.type == 'out_refund'))
        return result
