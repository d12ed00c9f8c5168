from odoo import fields, models

CHANGE_KINDS = [
    ('amount', 'Contract Amount'),
    ('date_start', 'Start Date'),
    ('date_end', 'End Date'),
    ('terms', 'Terms and Conditions'),
    ('line', 'Line'),
    ('payment_plan', 'Payment Plan'),
]


class SaleContractAmendmentHistory(models.Model):
    """One value an applied amendment changed on its contract, before and after: the contract's amendment
    history. Written once, by the amendment, as superuser."""
    _name = 'sale.contract.amendment.history'
    _description = 'Contract Amendment History'
    _order = 'contract_id, amendment_id desc, sequence, id'

    contract_id = fields.Many2one('sale.contract', string='Contract', required=True, ondelete='cascade', index=True)
    amendment_id = fields.Many2one('sale.contract.amendment', string='Amendment', required=True, ondelete='cascade',
                                   index=True)
    sequence = fields.Integer()
    change_kind = fields.Selection(CHANGE_KINDS, 'Changed', required=True)
    subject = fields.Char('Item', help='The product of a changed line.')
    old_value = fields.Text('Before')
    new_value = fields.Text('After')
    old_amount = fields.Monetary('Amount Before')
    new_amount = fields.Monetary('Amount After')
    date = fields.Datetime(related='amendment_id.applied_date', string='Applied On', readonly=True)
    reason = fields.Text(related='amendment_id.reason', readonly=True)
    currency_id = fields.Many2one(related='contract_id.currency_id', readonly=True)
    company_id = fields.Many2one(related='contract_id.company_id', store=True, readonly=True, index=True)
