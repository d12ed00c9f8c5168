from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .sale_contract import READONLY_WHEN_LOCKED

SETTLEMENT_TYPES = [
    ('vat_special', 'VAT Special Invoice'),
    ('vat_normal', 'VAT Ordinary Invoice'),
    ('vat_electronic', 'VAT Electronic Ordinary Invoice'),
    ('receipt', 'Receipt, no Invoice'),
]
# Execution details that still change once the contract is signed (the rest changes through amendments).
EXECUTION_WRITABLE_FIELDS = ('acceptance_due_date', 'partner_bank_id', 'settlement_note')


class SaleContract(models.Model):
    """How a contract is settled (invoice type, bank account...), and how far its execution has got:
    delivered, accepted, invoiced and collected, as amounts and percentages of the contract amount."""
    _inherit = 'sale.contract'

    settlement_type = fields.Selection(SETTLEMENT_TYPES, 'Invoice Type', default='vat_special',
                                       states=READONLY_WHEN_LOCKED, help='The invoice the customer receives.')
    settlement_currency_note = fields.Char(
        'Settlement Currency', states=READONLY_WHEN_LOCKED,
        help='How the amount is settled when it is not in the contract currency, e.g. "按付款日中国银行美元卖出价折算".')
    partner_bank_id = fields.Many2one(
        'res.partner.bank', string='Customer Bank Account', ondelete='restrict',
        help='The account the customer pays from (and is refunded to).')
    settlement_note = fields.Text('Settlement Notes')
    acceptance_due_date = fields.Date('Expected Acceptance', copy=False,
                                      help='When the customer is expected to accept the delivery.')
    acceptance_ids = fields.One2many('sale.contract.acceptance', 'contract_id', string='Acceptances', readonly=True,
                                     copy=False)
    amount_delivered = fields.Monetary('Delivered', compute='_compute_delivery_progress',
                                       help='Delivered quantities times their net unit price, taxes included.')
    delivered_percent = fields.Float('Delivered (%)', compute='_compute_delivery_progress', digits=(16, 2))
    amount_accepted = fields.Monetary('Accepted', compute='_compute_acceptance_progress', store=True)
    accepted_percent = fields.Float('Accepted (%)', compute='_compute_acceptance_progress', store=True,
                                    digits=(16, 2))
    last_acceptance_date = fields.Date('Last Acceptance', compute='_compute_acceptance_progress', store=True)

    @api.constrains('partner_bank_id', 'partner_id')
    def _check_partner_bank(self):
        for contract in self.filtered('partner_bank_id'):
            if contract.partner_bank_id.partner_id.commercial_partner_id != contract.partner_id.commercial_partner_id:
                raise ValidationError(_('Bank account %(account)s is not an account of %(customer)s.') % {
                    'account': contract.partner_bank_id.acc_number, 'customer': contract.partner_id.name})

    @api.model
    def _is_writable_when_locked(self, field_name):
        return field_name in EXECUTION_WRITABLE_FIELDS or super(SaleContract, self)._is_writable_when_locked(field_name)

    def _compute_delivery_progress(self):
        for contract in self:
            delivered = 0.0
            linked = self.env['sale.order.line']
            # contract lines made from order lines: delivered at the contract's (maybe amended) price
            for line in contract.sudo().line_ids.filtered('sale_line_id'):
                linked |= line.sale_line_id
                if line.product_uom_qty:
                    delivered += line.price_total / line.product_uom_qty * line.sale_line_id.qty_delivered
            orders = contract.sudo().sale_order_ids.filtered(lambda o: o.state in ('sale', 'done'))
            for order_line in orders.mapped('order_line') - linked:
                if order_line.product_uom_qty:
                    delivered += order_line.price_total / order_line.product_uom_qty * order_line.qty_delivered
            delivered = contract.currency_id.round(delivered)
            contract.amount_delivered = delivered
            total = contract.amount_total
            contract.delivered_percent = 100.0 * delivered / total if total else 0.0

    @api.depends('acceptance_ids.amount', 'acceptance_ids.date', 'amount_total')
    def _compute_acceptance_progress(self):
        for contract in self:
            acceptances = contract.acceptance_ids
            contract.amount_accepted = sum(acceptances.mapped('amount'))
            total = contract.amount_total
            contract.accepted_percent = 100.0 * contract.amount_accepted / total if total else 0.0
            contract.last_acceptance_date = max(acceptances.mapped('date') or [False])

    @api.multi
    def action_record_acceptance(self):
        self.ensure_one()
        return {
            'type': 'ir.actions.act_window', 'res_model': 'sale.contract.acceptance', 'view_mode': 'form',
            'views': [(self.env.ref('contract_mgmt.sale_contract_acceptance_view_form').id, 'form')],
            'target': 'new', 'context': {'default_contract_id': self.id},
        }
