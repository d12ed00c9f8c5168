from odoo import fields, models


class AccountInvoice(models.Model):
    """A credit note knows the return it refunds (with its contract and salesperson: the commission basis)."""
    _inherit = 'account.invoice'

    # set null, not restrict: aftersales.return.unlink refuses returns past draft (those with credit notes), and
    # the module's uninstall must drop returns while the credit notes (accounting) stay
    return_id = fields.Many2one('aftersales.return', string='Return Request', index=True, readonly=True,
                                copy=False, ondelete='set null')
