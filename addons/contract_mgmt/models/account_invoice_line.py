from odoo import _, api, models
from odoo.exceptions import UserError

# What makes the amount of an invoice line.
AMOUNT_FIELDS = {'price_unit', 'quantity', 'discount', 'invoice_line_tax_ids', 'product_id', 'uom_id',
                 'currency_id', 'invoice_id'}


class AccountInvoiceLine(models.Model):
    """The validated invoice of a contract or an instalment keeps its amounts: the contract's invoiced and
    collected figures and its journal entry are made of them. Odoo's form makes the lines read-only once
    validated, but a call could still change them (the total would move, the journal entry would not): a
    validated invoice changes only through a credit note."""
    _inherit = 'account.invoice.line'

    def _check_amounts_editable(self):
        for invoice in self.mapped('invoice_id'):
            if invoice.state in ('open', 'paid') and (invoice.contract_id or invoice.payment_plan_id):
                raise UserError(_('Invoice %s is validated: its amounts change only through a credit note.')
                                % (invoice.number or invoice.display_name))

    @api.model
    def create(self, vals):
        line = super(AccountInvoiceLine, self).create(vals)
        line._check_amounts_editable()
        return line

    @api.multi
    def write(self, vals):
        if AMOUNT_FIELDS & set(vals):
            self._check_amounts_editable()
        result = super(AccountInvoiceLine, self).write(vals)
        if 'invoice_id' in vals:
            self._check_amounts_editable()
        return result

    @api.multi
    def unlink(self):
        self._check_amounts_editable()
        return super(AccountInvoiceLine, self).unlink()
