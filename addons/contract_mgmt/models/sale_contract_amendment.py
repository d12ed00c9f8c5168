from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import html2plaintext
from odoo.tools.misc import formatLang

from .sale_contract import AMENDMENT_FLAG, SALE_MANAGER
from odoo.addons.crm_lifecycle.models.caller_time_zone import sudo_in_caller_tz
from odoo.addons.crm_lifecycle.models.trusted_context import is_module_uninstall, trusted_flag

# Set (as superuser) while an amendment writes its changes: the plan is rebalanced once, at the end.
DEFER_REBALANCE_FLAG = 'contract_amendment_defer_rebalance'
# Set (as superuser) by action_apply: the only way an amendment becomes "applied".
APPLYING_FLAG = 'contract_amendment_applying'
# An amendment number is a document identifier, the same in every language (HT-2026-0001-变更1).
AMENDMENT_NUMBER = '%s-变更%d'

OPEN_STATES = ('draft', 'waiting_approval', 'approved')
AMENDABLE_CONTRACT_STATES = ('signed', 'executing')
# What the amendment says; it changes only while the amendment is a draft.
CONTENT_FIELDS = {'contract_id', 'reason', 'description', 'new_amount_manual', 'new_date_start', 'new_date_end',
                  'change_terms', 'new_terms', 'line_ids', 'plan_mode', 'plan_line_ids'}


class SaleContractAmendment(models.Model):
    """A contract amendment (合同变更): what changes on a signed contract (amount, dates, terms, lines, payment
    plan) and why. It is approved through base_tier_validation (by default the sales director), then applied:
    its changes are written to the contract, the payment plan follows, and the contract keeps the before/after
    of every changed value in its amendment history. One amendment at a time per contract."""
    _name = 'sale.contract.amendment'
    _inherit = ['mail.thread', 'mail.activity.mixin', 'crm.state.machine.mixin', 'sale.tier.approval.mixin']
    _description = 'Contract Amendment'
    _order = 'id desc'

    _state_field = 'state'
    _state_from = ['waiting_approval']
    _state_to = ['approved']
    _cancel_state = 'refused'
    _approval_activity_type = 'contract_mgmt.mail_activity_type_amendment_approval'
    # Every move goes through a button, which checks who may make it and then moves as superuser.
    _STATE_TRANSITIONS = {
        'draft': {'waiting_approval': None, 'cancelled': None},
        'waiting_approval': {'approved': SALE_MANAGER, 'refused': SALE_MANAGER, 'cancelled': None},
        'approved': {'applied': None, 'cancelled': None},
        'refused': {'draft': None, 'cancelled': None},
        'applied': {},
        'cancelled': {},
    }

    name = fields.Char('Number', readonly=True, copy=False, index=True, default='/')
    sequence_number = fields.Integer('Amendment No.', readonly=True, copy=False)
    contract_id = fields.Many2one(
        'sale.contract', string='Contract', required=True, index=True, ondelete='restrict',
        domain=[('state', 'in', AMENDABLE_CONTRACT_STATES)], readonly=True, states={'draft': [('readonly', False)]})
    partner_id = fields.Many2one(related='contract_id.partner_id', string='Customer', store=True, readonly=True)
    user_id = fields.Many2one(related='contract_id.user_id', string='Salesperson', store=True, readonly=True,
                              index=True)
    team_id = fields.Many2one(related='contract_id.team_id', string='Sales Team', store=True, readonly=True)
    company_id = fields.Many2one(related='contract_id.company_id', store=True, readonly=True, index=True)
    currency_id = fields.Many2one(related='contract_id.currency_id', readonly=True)
    requested_user_id = fields.Many2one('res.users', 'Requested By', readonly=True, copy=False,
                                        default=lambda self: self.env.user)
    reason = fields.Text(required=True, readonly=True, states={'draft': [('readonly', False)]},
                         track_visibility='onchange', help='Why the contract changes (the customer asked...).')
    description = fields.Text(readonly=True, states={'draft': [('readonly', False)]},
                              help='What was agreed with the customer, in words.')
    state = fields.Selection([
        ('draft', 'Draft'),
        ('waiting_approval', 'Waiting Approval'),
        ('approved', 'Approved'),
        ('applied', 'Applied'),
        ('refused', 'Refused'),
        ('cancelled', 'Cancelled'),
    ], default='draft', required=True, readonly=True, copy=False, index=True, track_visibility='onchange')
    contract_has_lines = fields.Boolean(related='contract_id.has_lines', readonly=True)

    # What changes; empty means unchanged.
    old_amount = fields.Monetary('Amount Before', readonly=True, copy=False)
    new_amount_manual = fields.Monetary(
        'New Amount', readonly=True, states={'draft': [('readonly', False)]},
        help='The new contract amount, for a contract without lines (a contract with lines changes its lines).')
    new_amount = fields.Monetary('Amount After', compute='_compute_new_amount',
                                 help='The contract amount once the amendment is applied.')
    amount_difference = fields.Monetary('Difference', compute='_compute_new_amount')
    old_date_start = fields.Date('Start Date Before', readonly=True, copy=False)
    old_date_end = fields.Date('End Date Before', readonly=True, copy=False)
    new_date_start = fields.Date('New Start Date', readonly=True, states={'draft': [('readonly', False)]})
    new_date_end = fields.Date('New End Date', readonly=True, states={'draft': [('readonly', False)]})
    change_terms = fields.Boolean('Change the Terms', readonly=True, states={'draft': [('readonly', False)]})
    new_terms = fields.Html('New Terms', readonly=True, states={'draft': [('readonly', False)]})
    line_ids = fields.One2many('sale.contract.amendment.line', 'amendment_id', string='Line Changes', copy=True,
                               readonly=True, states={'draft': [('readonly', False)]})
    plan_mode = fields.Selection([
        ('rebalance', 'Rebalance the instalments not invoiced'),
        ('explicit', 'New instalments'),
    ], 'Payment Plan', default='rebalance', required=True, readonly=True, states={'draft': [('readonly', False)]},
        help='Rebalance: the instalments not invoiced yet are scaled to the new amount. New instalments: those not '
             'invoiced yet are replaced by the instalments given here.')
    plan_line_ids = fields.One2many('sale.contract.amendment.plan', 'amendment_id', string='New Instalments',
                                    copy=True, readonly=True, states={'draft': [('readonly', False)]})
    apply_on_approval = fields.Boolean(
        'Apply on Approval', default=True, readonly=True, states={'draft': [('readonly', False)]},
        help='Write the changes to the contract as soon as the amendment is approved; otherwise with "Apply".')
    history_ids = fields.One2many('sale.contract.amendment.history', 'amendment_id', string='Changes Made',
                                  readonly=True)
    applied_date = fields.Datetime('Applied On', readonly=True, copy=False)
    applied_user_id = fields.Many2one('res.users', 'Applied By', readonly=True, copy=False)

    _sql_constraints = [
        ('number_per_contract_unique', 'UNIQUE (contract_id, sequence_number)',
         'Each amendment of a contract has its own number.'),
    ]

    @api.model_cr
    def init(self):
        # The backstop of _check_one_open_per_contract under concurrent creations.
        self.env.cr.execute("""CREATE UNIQUE INDEX IF NOT EXISTS sale_contract_amendment_one_open
                               ON sale_contract_amendment (contract_id)
                               WHERE state IN ('draft', 'waiting_approval', 'approved')""")

    def _snapshot_old_values(self):
        """The contract's values the amendment starts from (at creation, submission and application)."""
        for amendment in self:
            contract = amendment.contract_id
            amendment.sudo().write({'old_amount': contract.amount_total, 'old_date_start': contract.date_start,
                                    'old_date_end': contract.date_end})

    @api.depends('new_amount_manual', 'line_ids.change_type', 'line_ids.new_total', 'line_ids.old_total',
                 'old_amount', 'contract_id.amount_total')
    def _compute_new_amount(self):
        for amendment in self:
            amendment.new_amount = amendment._applied_amount() if amendment.state == 'applied' \
                else amendment._expected_amount()
            amendment.amount_difference = amendment.new_amount - amendment.old_amount

    def _applied_amount(self):
        history = self.history_ids.filtered(lambda h: h.change_kind == 'amount')
        return history[:1].new_amount if history else self.old_amount

    def _expected_amount(self):
        """The contract amount once this amendment is applied."""
        contract = self.contract_id
        if not self.line_ids and not contract.line_ids:
            return self.new_amount_manual or contract.amount_total
        changes = {line.contract_line_id.id: line for line in self.line_ids if line.change_type != 'add'}
        total = 0.0
        for contract_line in contract.line_ids:
            change = changes.get(contract_line.id)
            if not change:
                total += contract_line.price_total
            elif change.change_type == 'modify':
                total += change.new_total
        return total + sum(self.line_ids.filtered(lambda l: l.change_type == 'add').mapped('new_total'))

    # ------------------------------------------------------------------ rules

    @api.constrains('contract_id', 'state')
    def _check_one_open_per_contract(self):
        for amendment in self.filtered(lambda a: a.state in OPEN_STATES):
            amendment._check_no_other_open(amendment.contract_id)

    def _check_no_other_open(self, contract):
        """Checked before the unique index refuses it, to say so clearly."""
        others = self.sudo().search([('contract_id', '=', contract.id), ('state', 'in', OPEN_STATES),
                                     ('id', 'not in', self.ids)], limit=1)
        if others:
            raise ValidationError(_('Contract %(contract)s already has an open amendment (%(other)s): apply, '
                                    'refuse or cancel it first.') % {'contract': contract.name, 'other': others.name})

    @api.constrains('new_date_start', 'new_date_end', 'contract_id')
    def _check_dates(self):
        for amendment in self:
            start = amendment.new_date_start or amendment.contract_id.date_start
            end = amendment.new_date_end or amendment.contract_id.date_end
            if start and end and end < start:
                raise ValidationError(_('With amendment %s the contract would end before it starts.')
                                      % amendment.name)

    @api.constrains('new_amount_manual')
    def _check_amount(self):
        for amendment in self:
            if amendment.new_amount_manual < 0:
                raise ValidationError(_('The new amount of a contract cannot be negative.'))

    def _check_contract_amendable(self):
        contract = self.contract_id
        if contract.state not in AMENDABLE_CONTRACT_STATES:
            raise UserError(_('Contract %(name)s is %(state)s: only a signed contract, or one being executed, is '
                              'amended (a draft changes directly).') % {
                'name': contract.name, 'state': contract._state_label(contract.state)})

    def _check_has_changes(self):
        if self.contract_has_lines and self.new_amount_manual:
            raise UserError(_('Contract %s has lines: its amount changes through line changes, not a new amount.')
                            % self.contract_id.name)
        changes_amount = self.currency_id.compare_amounts(self._expected_amount(), self.contract_id.amount_total)
        if not (changes_amount or self.line_ids or self.change_terms or self.plan_mode == 'explicit'
                or (self.new_date_start and self.new_date_start != self.contract_id.date_start)
                or (self.new_date_end and self.new_date_end != self.contract_id.date_end)):
            raise UserError(_('Amendment %s changes nothing: give a new amount, dates, terms or line changes.')
                            % self.name)

    def _invoiced_amount(self):
        """What is invoiced on the contract already: its invoices (less credit notes) or instalments."""
        contract = self.contract_id.sudo()
        invoiced_plans = contract.payment_plan_ids.filtered(lambda p: p.invoice_id and p.invoice_id.state != 'cancel')
        return max(contract.amount_invoiced, sum(invoiced_plans.mapped('amount')))

    def _check_not_below_invoiced(self):
        currency = self.currency_id
        invoiced = self._invoiced_amount()
        new_amount = self._expected_amount()
        if currency.compare_amounts(new_amount, invoiced) < 0:
            raise UserError(_('Amendment %(name)s would bring contract %(contract)s to %(new)s, but %(invoiced)s is '
                              'invoiced already: the new amount cannot be lower than what is invoiced.') % {
                'name': self.name, 'contract': self.contract_id.name,
                'new': formatLang(self.env, new_amount, currency_obj=currency),
                'invoiced': formatLang(self.env, invoiced, currency_obj=currency)})

    def _check_explicit_plan(self):
        if self.plan_mode != 'explicit':
            return
        contract = self.contract_id.sudo()
        invoiced = contract.payment_plan_ids.filtered(lambda p: p.invoice_id and p.invoice_id.state != 'cancel')
        planned = sum(invoiced.mapped('amount')) + sum(self.plan_line_ids.mapped('amount'))
        new_amount = self._expected_amount()
        if self.currency_id.compare_amounts(planned, new_amount):
            raise UserError(_('The invoiced instalments (%(invoiced)s) and the new ones (%(new)s) of amendment '
                              '%(name)s must add up to the new contract amount %(total)s.') % {
                'name': self.name,
                'invoiced': formatLang(self.env, sum(invoiced.mapped('amount')), currency_obj=self.currency_id),
                'new': formatLang(self.env, sum(self.plan_line_ids.mapped('amount')), currency_obj=self.currency_id),
                'total': formatLang(self.env, new_amount, currency_obj=self.currency_id)})

    # ------------------------------------------------------------------ ORM

    @api.model
    def create(self, vals):
        self.check_access_rights('create')
        contract = self.env['sale.contract'].browse(vals.get('contract_id'))
        if contract:
            # an amendment is asked by someone who may change the contract
            contract.check_access_rule('write')
            # numbered per contract, one at a time
            self.env.cr.execute('SELECT id FROM sale_contract WHERE id = %s FOR UPDATE', [contract.id])
            self.env.cr.execute('SELECT COALESCE(MAX(sequence_number), 0) + 1 FROM sale_contract_amendment '
                                'WHERE contract_id = %s', [contract.id])
            number = self.env.cr.fetchone()[0]
            self._check_no_other_open(contract)
            vals.update(sequence_number=number, name=AMENDMENT_NUMBER % (contract.name, number))
        vals.pop('state', None)
        amendment = super(SaleContractAmendment, self).create(vals)
        amendment._check_contract_amendable()
        amendment._snapshot_old_values()
        return amendment

    @api.multi
    def write(self, vals):
        self.check_access_rights('write')
        if not self.env.user._is_superuser():
            if 'state' in vals:
                raise UserError(_('The status of an amendment changes only through its buttons.'))
            if CONTENT_FIELDS & set(vals):
                for amendment in self.filtered(lambda a: a.state != 'draft'):
                    raise UserError(_('Amendment %(name)s is %(state)s: what it changes can no longer be edited.')
                                    % {'name': amendment.name, 'state': amendment._state_label(amendment.state)})
            if 'contract_id' in vals:
                self.env['sale.contract'].browse(vals['contract_id']).check_access_rule('write')
        result = super(SaleContractAmendment, self).write(vals)
        if 'contract_id' in vals:
            for amendment in self:
                amendment._check_contract_amendable()
                amendment.name = AMENDMENT_NUMBER % (amendment.contract_id.name, amendment.sequence_number)
        return result

    @api.multi
    def unlink(self):
        # the module's uninstall removes the demo's applied amendments with the model
        for amendment in self.browse() if is_module_uninstall(self.env) else self:
            if amendment.state != 'draft':
                raise UserError(_('Amendment %s is no longer a draft: cancel it instead.') % amendment.name)
        return super(SaleContractAmendment, self).unlink()

    @api.multi
    def _check_allow_write_under_validation(self, vals):
        return not (CONTENT_FIELDS & set(vals))

    def _check_state_requirements(self, new_state, vals):
        if new_state == 'applied' and not trusted_flag(self.env, APPLYING_FLAG):
            raise UserError(_('Amendment %s is applied with its "Apply" button.') % self.name)
        return super(SaleContractAmendment, self)._check_state_requirements(new_state, vals)

    @api.onchange('change_terms')
    def _onchange_change_terms(self):
        if self.change_terms and not self.new_terms:
            self.new_terms = self.contract_id.terms

    # ------------------------------------------------------------------ approval

    @api.multi
    def action_submit(self):
        for amendment in self:
            amendment.check_access_rule('write')
            amendment._check_state_transition('waiting_approval')
            amendment._check_contract_amendable()
            amendment._check_has_changes()
            amendment._check_not_below_invoiced()
            amendment._check_explicit_plan()
            amendment.line_ids._refresh_old_values()
            amendment._snapshot_old_values()
            amendment._request_approval()
        return True

    def _own_approval_error(self):
        if self.env.user in (self.user_id | self.requested_user_id):
            return _('You cannot approve your own amendment %s.') % self.name
        return None

    @api.multi
    def action_approve(self):
        for amendment in self:
            amendment.check_access_rule('read')
            amendment._decide_by_reviews_or_state_table(approved=True)
        return True

    @api.multi
    def action_refuse(self):
        for amendment in self:
            amendment.check_access_rule('read')
            amendment._decide_by_reviews_or_state_table(approved=False)
        return True

    def _record_decision(self, approved):
        self.sudo().write({'approver_id': self.env.uid if approved else False,
                           'approval_date': fields.Datetime.now() if approved else False})
        self._clear_approval_activities()
        if approved and self.apply_on_approval:
            try:
                with self.env.cr.savepoint():
                    sudo_in_caller_tz(self).with_context(amendment_applied_by=self.env.uid)._apply()
            except UserError as error:
                # approved all the same: the salesperson sees why and applies once it is fixed
                self.sudo().message_post(body=_('Approved, but not applied: %s') % error.name,
                                         subtype='mail.mt_note')

    @api.multi
    def action_cancel(self):
        for amendment in self:
            amendment.check_access_rule('write')
            amendment._check_state_transition('cancelled')
            amendment.sudo()._move_to('cancelled')
            activity_type = self.env.ref('contract_mgmt.mail_activity_type_amendment_approval')
            amendment.sudo().activity_ids.filtered(lambda a: a.activity_type_id == activity_type).unlink()
        return True

    @api.multi
    def action_reset_to_draft(self):
        for amendment in self:
            amendment.check_access_rule('write')
            amendment._check_state_transition('draft')
            amendment._check_no_other_open(amendment.contract_id)
            amendment.sudo().review_ids.unlink()
            amendment.sudo()._move_to('draft')
        return True

    # ------------------------------------------------------------------ applying

    @api.multi
    def action_apply(self):
        """Write the approved changes to the contract (its salesperson, or a sales manager)."""
        for amendment in self:
            amendment.check_access_rights('write')
            amendment.check_access_rule('write')
            if amendment.state != 'approved':
                raise UserError(_('Amendment %(name)s is %(state)s: only an approved amendment is applied.') % {
                    'name': amendment.name, 'state': amendment._state_label(amendment.state)})
            sudo_in_caller_tz(amendment).with_context(amendment_applied_by=self.env.uid)._apply()
        return True

    def _apply(self):
        """As superuser, after the caller's checks: write the changes, rebalance the plan, keep the history."""
        self.ensure_one()
        self._check_contract_amendable()
        self.env.cr.execute('SELECT id FROM sale_contract WHERE id = %s FOR UPDATE', [self.contract_id.id])
        self.contract_id.invalidate_cache()
        self._check_not_below_invoiced()
        self._check_explicit_plan()
        self.line_ids._refresh_old_values()
        self._snapshot_old_values()
        contract = self.contract_id.with_context(**{AMENDMENT_FLAG: True, DEFER_REBALANCE_FLAG: True})
        currency = contract.currency_id
        history = []
        before_amount = contract.amount_total
        before_plan = contract._payment_plan_text()

        vals = {}
        for field_name, new_value in (('date_start', self.new_date_start), ('date_end', self.new_date_end)):
            if new_value and new_value != contract[field_name]:
                history.append({'change_kind': field_name, 'old_value': contract[field_name] or '',
                                'new_value': new_value})
                vals[field_name] = new_value
        if self.change_terms and (self.new_terms or '') != (contract.terms or ''):
            history.append({'change_kind': 'terms', 'old_value': html2plaintext(contract.terms or ''),
                            'new_value': html2plaintext(self.new_terms or '')})
            vals['terms'] = self.new_terms
        line_commands = []
        for line in self.line_ids.sorted(lambda l: (l.sequence, l.id)):
            line_commands.append(line._contract_line_command())
            history.append({'change_kind': 'line', 'subject': line._subject(), 'old_value': line._old_text(),
                            'new_value': line._new_text()})
        if line_commands:
            vals['line_ids'] = line_commands
        elif not contract.line_ids and self.new_amount_manual and currency.compare_amounts(
                self.new_amount_manual, contract.amount_total):
            vals['amount_manual'] = self.new_amount_manual
        if vals:
            contract.write(vals)

        contract = contract.with_context(**{DEFER_REBALANCE_FLAG: False})
        if self.plan_mode == 'explicit':
            invoiced = contract.payment_plan_ids.filtered(lambda p: p.invoice_id and p.invoice_id.state != 'cancel')
            commands = [(2, plan.id) for plan in contract.payment_plan_ids - invoiced]
            commands += [(0, 0, line._instalment_values()) for line in self.plan_line_ids]
            contract.write({'payment_plan_ids': commands})
            # the new instalments waiting for an event that happened already fall due
            contract._payment_plan_triggered()
            if contract.last_acceptance_date:
                contract._trigger_payment_plan('acceptance', contract.last_acceptance_date)
        else:
            contract._rebalance_payment_plan()
        after_amount = contract.amount_total
        after_plan = contract._payment_plan_text()
        if currency.compare_amounts(before_amount, after_amount):
            history.insert(0, {'change_kind': 'amount', 'old_amount': before_amount, 'new_amount': after_amount,
                               'old_value': formatLang(self.env, before_amount, currency_obj=currency),
                               'new_value': formatLang(self.env, after_amount, currency_obj=currency)})
        if before_plan != after_plan:
            history.append({'change_kind': 'payment_plan', 'old_value': before_plan, 'new_value': after_plan})

        History = self.env['sale.contract.amendment.history']
        for sequence, values in enumerate(history, 1):
            values.update(amendment_id=self.id, contract_id=contract.id, sequence=sequence)
            History.create(values)
        self.with_context(**{APPLYING_FLAG: True})._move_to('applied')
        self.write({'applied_date': fields.Datetime.now(),
                    'applied_user_id': self.env.context.get('amendment_applied_by') or self.env.uid})
        contract.message_post(body=_('Amendment %(name)s applied: %(reason)s') % {
            'name': self.name, 'reason': self.reason}, subtype='mail.mt_note')
        return True
