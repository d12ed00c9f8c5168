from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .sale_contract import LOCKED_STATES
from odoo.addons.crm_lifecycle.models.caller_time_zone import sudo_in_caller_tz
from odoo.addons.crm_lifecycle.models.trusted_context import trusted_flag

CONTRACT_COLLECTION_STATES = [
    ('none', 'No Plan'),
    ('not_invoiced', 'Not Invoiced'),
    ('invoiced', 'Invoiced'),
    ('partial', 'Partly Paid'),
    ('paid', 'Paid'),
    ('overdue', 'Overdue'),
]


class SaleContract(models.Model):
    """A contract's payment plan, its invoices and what has been collected on them."""
    _name = 'sale.contract'
    _inherit = ['sale.contract', 'sale.payment.plan.holder']

    payment_plan_ids = fields.One2many('sale.payment.plan', 'contract_id', string='Payment Plan', copy=False)
    invoice_ids = fields.One2many('account.invoice', 'contract_id', string='Invoices', readonly=True)
    invoice_count = fields.Integer(compute='_compute_collection', string='Invoice Count')
    amount_invoiced = fields.Monetary('Invoiced', compute='_compute_collection', store=True,
                                      help='Customer invoices of the contract, less its credit notes.')
    amount_collected = fields.Monetary('Collected', compute='_compute_collection', store=True,
                                       help='Payments received on the invoices of the contract, less refunds paid.')
    amount_receivable = fields.Monetary('Receivable', compute='_compute_collection', store=True,
                                        help='What the customer still owes on the invoices of the contract.')
    invoiced_percent = fields.Float('Invoiced (%)', compute='_compute_collection', store=True, digits=(16, 2))
    collected_percent = fields.Float('Collected (%)', compute='_compute_collection', store=True, digits=(16, 2))
    collection_state = fields.Selection(CONTRACT_COLLECTION_STATES, compute='_compute_collection_state')
    payment_ids = fields.Many2many('account.payment', string='Payments', compute='_compute_payments',
                                   help='Customer payments registered on the invoices of the contract.')
    payment_count = fields.Integer(compute='_compute_payments', string='Payment Count')

    @api.depends('invoice_ids.payment_ids')
    def _compute_payments(self):
        for contract in self:
            contract.payment_ids = contract.invoice_ids.mapped('payment_ids')
            contract.payment_count = len(contract.payment_ids)

    @api.depends('invoice_ids.state', 'invoice_ids.amount_total', 'invoice_ids.residual',
                 'invoice_ids.collected_amount', 'amount_total')
    def _compute_collection(self):
        for contract in self:
            invoices = contract.invoice_ids.filtered(lambda inv: inv.state in ('open', 'paid'))
            contract.invoice_count = len(contract.invoice_ids)
            invoiced = collected = receivable = 0.0
            for invoice in invoices:
                sign = -1.0 if invoice.type == 'out_refund' else 1.0
                invoiced += sign * invoice.amount_total
                collected += sign * invoice.collected_amount
                receivable += sign * invoice.residual
            contract.amount_invoiced, contract.amount_collected = invoiced, collected
            contract.amount_receivable = receivable
            total = contract.amount_total
            contract.invoiced_percent = 100.0 * invoiced / total if total else 0.0
            contract.collected_percent = 100.0 * collected / total if total else 0.0

    def _compute_collection_state(self):
        for contract in self:
            states = set(contract.payment_plan_ids.mapped('collection_state'))
            if not states:
                contract.collection_state = 'none'
            elif 'overdue' in states:
                contract.collection_state = 'overdue'
            elif states == {'paid'}:
                contract.collection_state = 'paid'
            elif states & {'partial', 'paid'}:
                contract.collection_state = 'partial'
            elif 'invoiced' in states:
                contract.collection_state = 'invoiced'
            else:
                contract.collection_state = 'not_invoiced'

    def _amount_fields(self):
        return {'amount_total', 'amount_manual', 'line_ids'}

    def _check_payment_plan_editable(self):
        if self.state in LOCKED_STATES and not trusted_flag(self.env, self._AMENDMENT_FLAG):
            raise UserError(_('Contract %(name)s is %(state)s: its payment plan changes only through a contract '
                              'amendment.') % {'name': self.name, 'state': self._state_label(self.state)})

    def _payment_plan_start_date(self):
        return self.date_start or self.sign_date or fields.Date.context_today(self)

    def _payment_plan_triggered(self):
        if self.sign_date and self.state in LOCKED_STATES:
            self.payment_plan_ids._set_due_from_trigger('sign', self.sign_date)

    def _on_approved(self):
        """The payment plan is generated from its template on approval, when none was entered."""
        result = super(SaleContract, self)._on_approved()
        for contract in self.filtered(lambda c: c.payment_plan_template_id and not c.payment_plan_ids):
            sudo_in_caller_tz(contract)._generate_payment_plan()
        return result

    def _check_ready_for_approval(self):
        super(SaleContract, self)._check_ready_for_approval()
        self._check_payment_plan_total()

    @api.multi
    def action_sign(self):
        self._check_payment_plan_total()
        result = super(SaleContract, self).action_sign()
        for contract in self:
            contract.payment_plan_ids._set_due_from_trigger('sign', contract.sign_date)
        return result

    @api.multi
    def _trigger_payment_plan(self, trigger, event_date):
        """An event of the contract (delivery, acceptance) happened: its instalments waiting for it fall due."""
        self.mapped('payment_plan_ids')._set_due_from_trigger(trigger, event_date)

    @api.multi
    def action_view_invoices(self):
        self.ensure_one()
        action = self.env.ref('account.action_invoice_tree1').read()[0]
        action['domain'] = [('contract_id', '=', self.id)]
        action['context'] = {'default_contract_id': self.id, 'create': False}
        return action

    @api.multi
    def action_view_payments(self):
        self.ensure_one()
        action = self.env.ref('account.action_account_payments').read()[0]
        action['domain'] = [('id', 'in', self.payment_ids.ids)]
        action['context'] = {'create': False}
        return action

    @api.multi
    def action_view_payment_plan(self):
        self.ensure_one()
        action = self.env.ref('contract_mgmt.sale_payment_plan_action').read()[0]
        action['domain'] = [('contract_id', '=', self.id)]
        action['context'] = {'search_default_group_contract': 0}
        return action
