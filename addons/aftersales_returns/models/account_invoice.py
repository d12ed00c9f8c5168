from odoo import fields, models


class AccountInvoice(models.Model):
    """A credit note knows the return it refunds (with its contract and salesperson: the commission basis)."""
    _inherit = 'account.invoice'

    return_id = fields.Many2one('aftersales.return', string='Return Request', index=True, readonly=True,
                                copy=False, ondelete='restrict')
