from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
# Uninstalling the module deletes its demo and data records whatever their state.
from odoo.addons.crm_lifecycle.models.trusted_context import is_module_uninstall, trusted_flag

SALE_MANAGER = 'sales_team.group_sale_manager'

# Once signed, a contract is a legal fact: it changes only through amendments.
LOCKED_STATES = ('signed', 'executing', 'done', 'terminated')
READONLY_WHEN_LOCKED = {state: [('readonly', True)] for state in LOCKED_STATES}
# Set (as superuser) by an amendment while it applies its changes to a signed contract.
AMENDMENT_FLAG = 'contract_amendment_apply'


class SaleContract(models.Model):
    _name = 'sale.contract'
    _inherit = ['mail.thread', 'mail.activity.mixin', 'crm.state.machine.mixin']
    _description = 'Sales Contract'
    _order = 'id desc'

    # Legal state changes {from: {to: group required, or None}}, enforced by crm.state.machine.mixin.
    _STATE_TRANSITIONS = {
        'draft': {'waiting_approval': None, 'terminated': None},
        'waiting_approval': {'approved': SALE_MANAGER, 'draft': SALE_MANAGER, 'terminated': None},
        'approved': {'signed': None, 'terminated': None},
        'signed': {'executing': None, 'terminated': None},
        'executing': {'done': None, 'terminated': None},
        'done': {},
        'terminated': {},
    }
    # Fields that may still change on a locked contract (besides chatter and activities).
    _LOCKED_WRITABLE_FIELDS = ('state', 'termination_reason')
    _AMENDMENT_FLAG = AMENDMENT_FLAG

    name = fields.Char(
        'Number', required=True, readonly=True, copy=False, index=True, default=lambda self: _('New'),
        help='Given from the sequence on creation; the year is that of the sign date when the contract is '
             'recorded already signed, otherwise that of the creation date.')
    title = fields.Char(required=True, track_visibility='onchange', states=READONLY_WHEN_LOCKED)
    contract_type_id = fields.Many2one(
        'sale.contract.type', string='Contract Type', ondelete='restrict', index=True,
        track_visibility='onchange', states=READONLY_WHEN_LOCKED)
    partner_id = fields.Many2one(
        'res.partner', string='Customer', required=True, index=True, track_visibility='onchange',
        domain=[('customer', '=', True), ('is_company', '=', True)], states=READONLY_WHEN_LOCKED)
    customer_signer_id = fields.Many2one(
        'res.partner', string='Customer Signer', states=READONLY_WHEN_LOCKED,
        help='The contact who signs for the customer.')
    user_id = fields.Many2one(
        'res.users', string='Salesperson', index=True, track_visibility='onchange',
        default=lambda self: self.env.user, states=READONLY_WHEN_LOCKED,
        help='Owns the contract: follows it up, and sees its confidential documents.')
    our_signer_id = fields.Many2one(
        'res.users', string='Our Signer', track_visibility='onchange', states=READONLY_WHEN_LOCKED,
        default=lambda self: self.env.user, help='Who signs the contract for our company.')
    team_id = fields.Many2one(
        'crm.team', string='Sales Team', index=True, states=READONLY_WHEN_LOCKED,
        default=lambda self: self.env['crm.team']._get_default_team_id())
    sign_date = fields.Date(track_visibility='onchange', copy=False, states=READONLY_WHEN_LOCKED)
    date_start = fields.Date('Start Date', track_visibility='onchange', states=READONLY_WHEN_LOCKED)
    date_end = fields.Date('End Date', track_visibility='onchange', states=READONLY_WHEN_LOCKED)
    line_ids = fields.One2many('sale.contract.line', 'contract_id', string='Lines', copy=True,
                               states=READONLY_WHEN_LOCKED)
    has_lines = fields.Boolean(compute='_compute_has_lines')
    amount_untaxed = fields.Monetary('Untaxed Amount', compute='_compute_amounts', store=True)
    amount_tax = fields.Monetary('Taxes', compute='_compute_amounts', store=True)
    amount_total = fields.Monetary(
        'Contract Amount', currency_field='currency_id', track_visibility='onchange',
        compute='_compute_amounts', inverse='_inverse_amount_total', store=True, states=READONLY_WHEN_LOCKED,
        help='The total of the lines (taxes included); entered by hand for a contract without lines.')
    amount_manual = fields.Monetary('Amount Entered', copy=True, states=READONLY_WHEN_LOCKED,
                                    help='The contract amount entered by hand, used while the contract has no lines.')
    margin_total = fields.Monetary(
        'Expected Gross Margin', compute='_compute_amounts', store=True,
        help='Untaxed amount of the lines minus their cost (the cost each line was priced against).')
    margin_percent = fields.Float('Expected Margin (%)', compute='_compute_amounts', store=True, digits=(16, 2))
    company_id = fields.Many2one(
        'res.company', required=True, index=True, states=READONLY_WHEN_LOCKED,
        default=lambda self: self.env['res.company']._company_default_get('sale.contract'))
    currency_id = fields.Many2one(
        'res.currency', required=True, states=READONLY_WHEN_LOCKED,
        default=lambda self: self.env.user.company_id.currency_id)
    opportunity_id = fields.Many2one(
        'crm.lead', string='Opportunity', index=True, domain=[('type', '=', 'opportunity')],
        states=READONLY_WHEN_LOCKED)
    sale_order_ids = fields.One2many('sale.order', 'contract_id', string='Sales Orders', readonly=True)
    sale_order_count = fields.Integer(compute='_compute_sale_order_count', string='Sales Order Count')
    terms = fields.Html('Terms and Conditions', states=READONLY_WHEN_LOCKED)
    termination_reason = fields.Text(track_visibility='onchange', copy=False)
    state = fields.Selection([
        ('draft', 'Draft'),
        ('waiting_approval', 'Waiting Approval'),
        ('approved', 'Approved'),
        ('signed', 'Signed'),
        ('executing', 'Executing'),
        ('done', 'Done'),
        ('terminated', 'Terminated'),
    ], default='draft', required=True, readonly=True, copy=False, index=True, track_visibility='onchange',
        group_expand='_expand_states')

    @api.depends('line_ids.price_subtotal', 'line_ids.price_total', 'line_ids.margin', 'amount_manual')
    def _compute_amounts(self):
        for contract in self:
            lines = contract.line_ids
            if lines:
                contract.amount_untaxed = sum(lines.mapped('price_subtotal'))
                contract.amount_total = sum(lines.mapped('price_total'))
                contract.amount_tax = contract.amount_total - contract.amount_untaxed
                contract.margin_total = sum(lines.mapped('margin'))
            else:
                contract.amount_untaxed = contract.amount_total = contract.amount_manual
                contract.amount_tax = contract.margin_total = 0.0
            contract.margin_percent = 100.0 * contract.margin_total / contract.amount_untaxed \
                if lines and contract.amount_untaxed else 0.0

    @api.depends('line_ids')
    def _compute_has_lines(self):
        for contract in self:
            contract.has_lines = bool(contract.line_ids)

    def _inverse_amount_total(self):
        for contract in self:
            if contract.line_ids and contract.currency_id.compare_amounts(
                    contract.amount_total, sum(contract.line_ids.mapped('price_total'))):
                raise ValidationError(_('The amount of contract %s is the total of its lines: change the lines.')
                                      % contract.name)
            if not contract.line_ids:
                contract.amount_manual = contract.amount_total

    @api.depends('sale_order_ids')
    def _compute_sale_order_count(self):
        for contract in self:
            contract.sale_order_count = len(contract.sale_order_ids)

    def _expand_states(self, states, domain, order):
        """Show every state as a kanban column, even an empty one."""
        return [key for key, _label in self._fields['state'].selection]

    @api.constrains('date_start', 'date_end')
    def _check_dates(self):
        for contract in self:
            if contract.date_start and contract.date_end and contract.date_end < contract.date_start:
                raise ValidationError(_('Contract %s ends before it starts.') % contract.name)

    @api.constrains('partner_id', 'customer_signer_id')
    def _check_customer_signer(self):
        for contract in self.filtered('customer_signer_id'):
            if contract.customer_signer_id.commercial_partner_id != contract.partner_id.commercial_partner_id:
                raise ValidationError(_('The customer signer %(signer)s is not a contact of %(customer)s.') % {
                    'signer': contract.customer_signer_id.name, 'customer': contract.partner_id.name})

    @api.onchange('user_id')
    def _onchange_user_id(self):
        if self.user_id:
            self.team_id = self.env['crm.team']._get_default_team_id(user_id=self.user_id.id)

    @api.onchange('partner_id')
    def _onchange_partner_id(self):
        if self.customer_signer_id.commercial_partner_id != self.partner_id.commercial_partner_id:
            self.customer_signer_id = False

    # ------------------------------------------------------------------ ORM

    @api.model
    def create(self, vals):
        if vals.get('state', 'draft') != 'draft':
            raise UserError(_('A contract is always created as a draft; its buttons move it on.'))
        if vals.get('line_ids'):
            # the lines make the amount
            vals.pop('amount_total', None)
        # A contract recorded after signing is numbered in the year it was signed.
        number_date = fields.Date.to_string(
            fields.Date.from_string(vals.get('sign_date') or fields.Date.context_today(self)))
        # Each contract type may number on its own (KJ-2026-0001 for framework agreements...).
        contract_type = self.env['sale.contract.type'].browse(vals.get('contract_type_id'))
        Sequence = self.env['ir.sequence'].sudo().with_context(ir_sequence_date=number_date)
        if contract_type.sequence_id:
            vals['name'] = Sequence.browse(contract_type.sequence_id.id).next_by_id()
        else:
            vals['name'] = Sequence.next_by_code('sale.contract') or _('New')
        return super(SaleContract, self).create(vals)

    @api.multi
    def write(self, vals):
        changed_locked_fields = [name for name in vals if not self._is_writable_when_locked(name)]
        if changed_locked_fields:
            for contract in self.filtered(lambda c: c.state in LOCKED_STATES):
                raise UserError(_(
                    'Contract %(name)s is %(state)s and can no longer be changed (%(fields)s). '
                    'Record the change with a contract amendment.') % {
                        'name': contract.name,
                        'state': contract._state_label(contract.state),
                        'fields': ', '.join(self._fields[name].get_description(self.env)['string']
                                            for name in changed_locked_fields if name in self._fields),
                })
        return super(SaleContract, self).write(vals)

    @api.multi
    def unlink(self):
        for contract in self.filtered(lambda c: not is_module_uninstall(c.env)):
            if contract.state != 'draft':
                raise UserError(_('Contract %s is no longer a draft and cannot be deleted; terminate it instead.')
                                % contract.name)
        return super(SaleContract, self).unlink()

    @api.model
    def _is_writable_when_locked(self, field_name):
        return (field_name in self._LOCKED_WRITABLE_FIELDS or trusted_flag(self.env, AMENDMENT_FLAG)
                or field_name.startswith(('message_', 'activity_', 'website_message')))

    @api.multi
    def _check_lines_editable(self):
        """Lines (and payment plans) of a signed contract change only through an amendment."""
        if trusted_flag(self.env, AMENDMENT_FLAG) or is_module_uninstall(self.env):
            return
        for contract in self.filtered(lambda c: c.state in LOCKED_STATES):
            raise UserError(_('Contract %(name)s is %(state)s: its lines and payment plan change only through '
                              'a contract amendment.') % {'name': contract.name,
                                                          'state': contract._state_label(contract.state)})

    # ------------------------------------------------------------------ state machine

    def _check_state_requirements(self, new_state, vals):
        if new_state == 'signed' and not (vals.get('sign_date') or self.sign_date):
            raise UserError(_('Contract %s needs a sign date to be signed.') % self.name)
        if new_state == 'terminated' and not (vals.get('termination_reason') or self.termination_reason):
            raise UserError(_('Give the reason why contract %s is terminated.') % self.name)
        return super(SaleContract, self)._check_state_requirements(new_state, vals)

    @api.multi
    def action_submit(self):
        return self._move_to('waiting_approval')

    @api.multi
    def action_approve(self):
        return self._move_to('approved')

    @api.multi
    def action_refuse(self):
        return self._move_to('draft')

    @api.multi
    def action_sign(self):
        today = fields.Date.context_today(self)
        for contract in self:
            contract._move_to('signed', sign_date=contract.sign_date or today)
        return True

    @api.multi
    def action_start_execution(self):
        return self._move_to('executing')

    @api.multi
    def action_done(self):
        return self._move_to('done')

    @api.multi
    def action_terminate(self, reason=None):
        reason = reason and reason.strip()
        for contract in self:
            if not (reason or contract.termination_reason):
                raise UserError(_('Give the reason why contract %s is terminated.') % contract.name)
            contract._move_to('terminated', termination_reason=reason or contract.termination_reason)
        return True

    @api.multi
    def action_view_sale_orders(self):
        self.ensure_one()
        action = self.env.ref('sale.action_orders').read()[0]
        action['domain'] = [('contract_id', '=', self.id)]
        action['context'] = {'default_contract_id': self.id, 'default_partner_id': self.partner_id.id}
        return action
