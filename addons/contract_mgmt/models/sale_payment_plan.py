from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression

from odoo.addons.crm_lifecycle.models.caller_time_zone import sudo_in_caller_tz
from odoo.addons.crm_lifecycle.models.cron_batch import BATCH_SIZE, commit_batch
from odoo.addons.crm_lifecycle.models.trusted_context import is_module_uninstall

from .sale_payment_plan_template_line import TRIGGERS

PAYMENT_STATES = [
    ('not_invoiced', 'Not Invoiced'),
    ('invoiced', 'Invoiced'),
    ('partial', 'Partly Paid'),
    ('paid', 'Paid'),
]
COLLECTION_STATES = PAYMENT_STATES + [('overdue', 'Overdue')]


class SalePaymentPlan(models.Model):
    """One instalment (回款计划) of a contract, or of a sales order without contract.

    It falls due on a date, or on an event (signing, delivery, acceptance) plus some days. It produces exactly
    one customer invoice (button or scheduled action), and follows that invoice's payments. Instalments change
    only through their contract or order, whose instalments always add up to its amount.
    """
    _name = 'sale.payment.plan'
    _description = 'Payment Plan Instalment'
    _order = 'due_date, sequence, id'

    contract_id = fields.Many2one('sale.contract', string='Contract', ondelete='cascade', index=True)
    sale_order_id = fields.Many2one('sale.order', string='Sales Order', ondelete='cascade', index=True,
                                    help='For an order without contract.')
    sequence = fields.Integer(default=10)
    name = fields.Char('Instalment', required=True, help='e.g. 预付款, 发货款, 验收款, 质保金')
    amount = fields.Monetary(required=True)
    percent = fields.Float('Share (%)', compute='_compute_percent', digits=(16, 2))
    trigger = fields.Selection(TRIGGERS, 'Due', required=True, default='date')
    days_after = fields.Integer('Days After', help='Days granted after the trigger.')
    due_date = fields.Date(index=True, help='Fixed for a dated instalment; set when the trigger happens otherwise.')
    partner_id = fields.Many2one('res.partner', string='Customer', compute='_compute_document', store=True,
                                 index=True)
    user_id = fields.Many2one('res.users', string='Salesperson', compute='_compute_document', store=True, index=True)
    team_id = fields.Many2one('crm.team', string='Sales Team', compute='_compute_document', store=True)
    company_id = fields.Many2one('res.company', compute='_compute_document', store=True, index=True)
    currency_id = fields.Many2one('res.currency', compute='_compute_document', store=True)
    invoice_id = fields.Many2one('account.invoice', string='Invoice', readonly=True, copy=False, index=True)
    amount_paid = fields.Monetary('Collected', compute='_compute_payment', store=True)
    amount_residual = fields.Monetary('Outstanding', compute='_compute_payment', store=True)
    last_payment_date = fields.Date(compute='_compute_payment', store=True)
    payment_state = fields.Selection(PAYMENT_STATES, compute='_compute_payment', store=True, index=True)
    # Not stored: an instalment becomes overdue with the passing of days, not with a write.
    collection_state = fields.Selection(COLLECTION_STATES, compute='_compute_collection_state',
                                        search='_search_collection_state')
    is_overdue = fields.Boolean('Overdue', compute='_compute_collection_state', search='_search_is_overdue')
    days_overdue = fields.Integer(compute='_compute_collection_state')

    _sql_constraints = [
        ('amount_positive', 'CHECK (amount > 0)', 'An instalment amount must be positive.'),
        ('one_document', 'CHECK (contract_id IS NOT NULL OR sale_order_id IS NOT NULL)',
         'An instalment belongs to a contract or a sales order.'),
    ]

    @api.depends('contract_id.partner_id', 'contract_id.user_id', 'contract_id.team_id', 'contract_id.company_id',
                 'contract_id.currency_id', 'sale_order_id.partner_id', 'sale_order_id.user_id',
                 'sale_order_id.team_id', 'sale_order_id.company_id', 'sale_order_id.currency_id')
    def _compute_document(self):
        for plan in self:
            document = plan._document()
            plan.partner_id = document.partner_id.commercial_partner_id
            plan.user_id = document.user_id
            plan.team_id = document.team_id
            plan.company_id = document.company_id
            plan.currency_id = document.currency_id or document.company_id.currency_id

    @api.depends('amount', 'contract_id.amount_total', 'sale_order_id.amount_total')
    def _compute_percent(self):
        for plan in self:
            total = plan._document().amount_total
            plan.percent = 100.0 * plan.amount / total if total else 0.0

    @api.depends('invoice_id.state', 'invoice_id.residual', 'invoice_id.collected_amount',
                 'invoice_id.last_payment_date')
    def _compute_payment(self):
        for plan in self:
            invoice = plan.invoice_id
            if not invoice or invoice.state in ('draft', 'cancel'):
                plan.payment_state, plan.amount_paid, plan.amount_residual = 'not_invoiced', 0.0, plan.amount
                plan.last_payment_date = False
                continue
            plan.amount_paid = invoice.collected_amount
            plan.amount_residual = invoice.residual
            plan.last_payment_date = invoice.last_payment_date
            if invoice.state == 'paid' or plan.currency_id.is_zero(invoice.residual):
                plan.payment_state = 'paid'
            elif plan.currency_id.compare_amounts(invoice.residual, invoice.amount_total) < 0:
                plan.payment_state = 'partial'
            else:
                plan.payment_state = 'invoiced'

    def _compute_collection_state(self):
        today = fields.Date.from_string(fields.Date.context_today(self))
        for plan in self:
            due = fields.Date.from_string(plan.due_date) if plan.due_date else None
            overdue = plan.payment_state != 'paid' and due is not None and due < today
            plan.is_overdue = overdue
            plan.days_overdue = (today - due).days if overdue else 0
            plan.collection_state = 'overdue' if overdue else plan.payment_state

    def _overdue_domain(self):
        return [('payment_state', '!=', 'paid'), ('due_date', '<', fields.Date.context_today(self))]

    def _not_overdue_domain(self):
        return ['|', ('payment_state', '=', 'paid'), '|', ('due_date', '=', False),
                ('due_date', '>=', fields.Date.context_today(self))]

    def _search_is_overdue(self, operator, value):
        if operator not in ('=', '!='):
            raise UserError(_('Search overdue instalments with = or !=.'))
        domain = self._overdue_domain() if (operator == '=') == bool(value) else self._not_overdue_domain()
        return expression.normalize_domain(domain)

    def _search_collection_state(self, operator, value):
        if operator not in ('=', '!=') or value not in dict(COLLECTION_STATES):
            raise UserError(_('Search the collection state with = or != and one of its values.'))
        if value == 'overdue':
            domain = self._overdue_domain()
        elif value == 'paid':
            domain = [('payment_state', '=', 'paid')]
        else:
            domain = [('payment_state', '=', value), '|', ('due_date', '=', False),
                      ('due_date', '>=', fields.Date.context_today(self))]
        domain = expression.normalize_domain(domain)
        return domain if operator == '=' else ['!'] + domain

    def _document(self):
        """The contract, or the sales order, this instalment belongs to."""
        return self.contract_id or self.sale_order_id

    @api.constrains('trigger', 'due_date', 'days_after')
    def _check_due(self):
        for plan in self:
            if plan.trigger == 'date' and not plan.due_date:
                raise ValidationError(_('Instalment %s falls due on a fixed date: give the date.') % plan.name)
            if plan.days_after < 0:
                raise ValidationError(_('Days after the trigger cannot be negative.'))

    @api.multi
    def write(self, vals):
        if set(vals) & {'amount', 'contract_id', 'sale_order_id'}:
            for plan in self.filtered('invoice_id'):
                if plan.invoice_id.state != 'cancel':
                    raise UserError(_('Instalment %(name)s is invoiced (%(invoice)s): its amount no longer changes.')
                                    % {'name': plan.name, 'invoice': plan.invoice_id.number or plan.invoice_id.id})
        return super(SalePaymentPlan, self).write(vals)

    @api.multi
    def unlink(self):
        # the module's uninstall removes the demo's invoiced instalments with the model (the invoices stay)
        for plan in self.browse() if is_module_uninstall(self.env) else self.filtered('invoice_id'):
            if plan.invoice_id.state != 'cancel':
                raise UserError(_('Instalment %s is invoiced and cannot be removed.') % plan.name)
        return super(SalePaymentPlan, self).unlink()

    # ------------------------------------------------------------------ triggers

    @api.multi
    def _set_due_from_trigger(self, trigger, event_date):
        """The trigger happened on ``event_date``: the instalments waiting for it fall due."""
        event = fields.Date.from_string(event_date)
        for plan in self.filtered(lambda p: p.trigger == trigger and not p.due_date):
            plan.sudo().write({'due_date': fields.Date.to_string(event + timedelta(days=plan.days_after))})

    # ------------------------------------------------------------------ invoicing

    @api.multi
    def action_create_invoice(self):
        """Invoice the instalments: their salesperson (who may change the contract), a sales manager, or an
        accountant. Each instalment is invoiced once, even when two users (or a user and the scheduled action)
        click at the same instant: the instalment row is locked first, then checked."""
        invoices = self.env['account.invoice']
        for plan in self:
            plan._check_may_invoice()
            invoice = sudo_in_caller_tz(plan)._create_invoice()
            invoices |= invoice
        if len(invoices) == 1:
            return {'type': 'ir.actions.act_window', 'res_model': 'account.invoice', 'res_id': invoices.id,
                    'view_mode': 'form', 'views': [(self.env.ref('account.invoice_form').id, 'form')]}
        return True

    def _check_may_invoice(self):
        user = self.env.user
        if user._is_superuser() or user.has_group('account.group_account_invoice'):
            return
        document = self._document()
        document.check_access_rights('write')
        document.check_access_rule('write')

    def _invoiceable_error(self):
        """Why this instalment cannot be invoiced now, or None."""
        document = self._document()
        if self.invoice_id and self.invoice_id.state != 'cancel':
            return _('Instalment %(name)s of %(document)s is already invoiced (%(invoice)s).') % {
                'name': self.name, 'document': document.name,
                'invoice': self.invoice_id.number or self.invoice_id.display_name}
        if self.contract_id and self.contract_id.state not in ('signed', 'executing', 'done'):
            return _('Contract %s is not signed yet: its instalments are invoiced once it is.') % document.name
        if self.sale_order_id and not self.contract_id and self.sale_order_id.state not in ('sale', 'done'):
            return _('Sales order %s is not confirmed yet.') % document.name
        return None

    def _create_invoice(self):
        """Lock, check, invoice and validate one instalment (runs as superuser after the caller's checks)."""
        self.ensure_one()
        # a serialization failure here is expected under concurrency (the request is retried): not logged
        self.env.cr.execute('SELECT id FROM sale_payment_plan WHERE id = %s FOR UPDATE', [self.id],
                            log_exceptions=False)
        self.invalidate_cache(['invoice_id'], self.ids)
        error = self._invoiceable_error()
        if error:
            raise UserError(error)
        document = self._document()
        company = document.company_id
        product = company.payment_plan_product_id or self.env.ref('contract_mgmt.product_payment_instalment')
        account = product.property_account_income_id or product.categ_id.property_account_income_categ_id
        if not account:
            raise UserError(_('Define an income account for product %s to invoice instalments.') % product.name)
        journal = self.env['account.journal'].search([('type', '=', 'sale'), ('company_id', '=', company.id)],
                                                     limit=1)
        if not journal:
            raise UserError(_('Company %s has no sales journal to invoice instalments in.') % company.name)
        today = fields.Date.context_today(self)
        partner = document.partner_id
        invoice = self.env['account.invoice'].with_context(
            default_type='out_invoice', force_company=company.id, mail_create_nosubscribe=True).create({
                'type': 'out_invoice',
                'partner_id': partner.id,
                'journal_id': journal.id,
                'company_id': company.id,
                'currency_id': self.currency_id.id,
                'account_id': partner.with_context(force_company=company.id).property_account_receivable_id.id,
                'date_invoice': today,
                'date_due': max(self.due_date or today, today),
                'origin': document.name,
                'name': self.name,
                'user_id': document.user_id.id,
                'team_id': document.team_id.id,
                'contract_id': self.contract_id.id,
                'payment_plan_id': self.id,
                'invoice_line_ids': [(0, 0, {
                    'product_id': product.id,
                    'name': _('%(document)s instalment: %(name)s (%(percent)s %%)') % {
                        'document': document.name, 'name': self.name, 'percent': round(self.percent, 2)},
                    'quantity': 1.0,
                    'price_unit': self.amount,
                    'account_id': account.id,
                    'invoice_line_tax_ids': [(6, 0, [])],
                })],
            })
        invoice.action_invoice_open()
        self.write({'invoice_id': invoice.id})
        document.message_post(body=_('Instalment %(name)s invoiced: %(invoice)s.') % {
            'name': self.name, 'invoice': invoice.number}, subtype='mail.mt_note')
        return invoice

    @api.multi
    def action_register_payment(self):
        """Odoo's own payment form for the instalment's invoice (what the accountant does on the invoice)."""
        self.ensure_one()
        if not self.invoice_id or self.invoice_id.state != 'open':
            raise UserError(_('Instalment %s has no open invoice to register a payment on.') % self.name)
        action = self.env.ref('account.action_account_invoice_payment').read()[0]
        action['context'] = {'default_invoice_ids': [(4, self.invoice_id.id)], 'active_model': 'account.invoice',
                             'active_ids': self.invoice_id.ids, 'active_id': self.invoice_id.id}
        return action

    @api.multi
    def register_payment(self, amount=None, date=None, journal_id=None):
        """Register a customer payment of ``amount`` (default: what is outstanding) on the instalment's
        invoice, through Odoo's own account.payment (the demo data and scripts use it; users click)."""
        self.ensure_one()
        if not (self.env.user._is_superuser() or self.env.user.has_group('account.group_account_invoice')):
            raise UserError(_('Only accountants register payments.'))
        if not self.invoice_id or self.invoice_id.state != 'open':
            raise UserError(_('Instalment %s has no open invoice to register a payment on.') % self.name)
        journal = self.env['account.journal'].browse(journal_id) if journal_id else self.env['account.journal'].search(
            [('type', '=', 'bank'), ('company_id', '=', self.company_id.id)], limit=1)
        self.invoice_id.pay_and_reconcile(journal, pay_amount=amount or None, date=date or None)
        return True

    @api.model
    def _cron_invoice_due_instalments(self):
        """Invoice the instalments due today or earlier, in batches committed one by one: a run stopped
        half-way leaves finished batches invoiced, and the next run takes the rest (invoiced ones are no
        longer picked)."""
        today = fields.Date.context_today(self)
        domain = ['|', ('invoice_id', '=', False), ('invoice_id.state', '=', 'cancel'),
                  ('due_date', '<=', today),
                  '|', ('contract_id.state', 'in', ('signed', 'executing')),
                  '&', ('contract_id', '=', False), ('sale_order_id.state', 'in', ('sale', 'done'))]
        # walked in id order from the last one looked at: each batch is one query, however many are done
        after_id = 0
        while True:
            plans = self.sudo().search(domain + [('id', '>', after_id)], limit=BATCH_SIZE, order='id')
            if not plans:
                return True
            for plan in plans:
                after_id = plan.id
                try:
                    with self.env.cr.savepoint():
                        plan._create_invoice()
                except UserError as error:
                    # one instalment that cannot be invoiced (no account...) does not stop the others
                    plan._document().message_post(body=_('Instalment %(name)s could not be invoiced: %(error)s') % {
                        'name': plan.name, 'error': error.name}, subtype='mail.mt_note')
            commit_batch(self.env)
