from odoo import api, models


class AccountPayment(models.Model):
    _inherit = 'account.payment'

    @api.multi
    def post(self):
        result = super(AccountPayment, self).post()
        # commission on what is collected, recorded once per payment and invoice whoever posts
        self.env['sales.commission.line'].sudo()._from_payments(self)
        return result
