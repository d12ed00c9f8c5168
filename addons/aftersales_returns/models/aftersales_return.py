from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
# Uninstalling the module deletes its demo and data records whatever their state.
from odoo.addons.crm_lifecycle.models.trusted_context import is_module_uninstall

AFTERSALES_MANAGER = 'aftersales_returns.group_aftersales_manager'
AFTERSALES_USER = 'aftersales_returns.group_aftersales_user'
# States in which the goods are still with the customer: their quantities are not yet in the order line's
# delivered quantity (the return picking, with to_refund, takes them off when received).
PENDING_STATES = ('draft', 'approved')
AVAILABLE_PRIORITIES = [('0', 'Normal'), ('1', 'Low'), ('2', 'High'), ('3', 'Very High')]
READONLY_UNLESS_DRAFT = {state: [('readonly', True)] for state in (
    'approved', 'received', 'refunded', 'replaced', 'closed', 'refused')}


class AftersalesReturn(models.Model):
    """A customer's request to send back goods delivered on a sales order."""
    _name = 'aftersales.return'
    _inherit = ['mail.thread', 'mail.activity.mixin', 'crm.state.machine.mixin']
    _description = 'Return Request'
    _order = 'priority desc, id desc'

    # Legal state changes {from: {to: group required, or None}}, enforced by crm.state.machine.mixin.
    # received / refunded / replaced also need their picking or credit note (_check_state_requirements),
    # so that only the buttons reach them. Closing an approved request: the goods never came back.
    _STATE_TRANSITIONS = {
        'draft': {'approved': AFTERSALES_MANAGER, 'refused': AFTERSALES_MANAGER},
        'approved': {'received': AFTERSALES_USER, 'closed': None, 'refused': AFTERSALES_MANAGER},
        'received': {'refunded': AFTERSALES_MANAGER, 'replaced': AFTERSALES_MANAGER},
        'refunded': {'closed': None},
        'replaced': {'closed': None},
        'closed': {},
        'refused': {},
    }
    # What is returned is fixed once the request leaves draft.
    _DRAFT_ONLY_FIELDS = ('partner_id', 'sale_order_id', 'line_ids')

    name = fields.Char(
        'Number', required=True, readonly=True, copy=False, index=True, default=lambda self: _('New'))
    partner_id = fields.Many2one(
        'res.partner', string='Customer', required=True, index=True, track_visibility='onchange',
        states=READONLY_UNLESS_DRAFT)
    sale_order_id = fields.Many2one(
        'sale.order', string='Sales Order', required=True, index=True, ondelete='restrict',
        track_visibility='onchange', states=READONLY_UNLESS_DRAFT,
        domain=[('state', 'in', ('sale', 'done'))])
    contract_id = fields.Many2one(
        'sale.contract', string='Contract', related='sale_order_id.contract_id', store=True, readonly=True)
    company_id = fields.Many2one(
        'res.company', required=True, readonly=True, index=True,
        default=lambda self: self.env['res.company']._company_default_get('aftersales.return'),
        help="The sales order's company.")
    user_id = fields.Many2one(
        'res.users', string='Responsible', index=True, track_visibility='onchange',
        default=lambda self: self.env.user)
    team_id = fields.Many2one(
        'crm.team', string='Team', index=True, track_visibility='onchange',
        default=lambda self: self.env.user.sale_team_id,
        help="The responsible's team: its members follow the request too.")
    salesperson_id = fields.Many2one(
        'res.users', string='Salesperson', related='sale_order_id.user_id', store=True, readonly=True, index=True)
    currency_id = fields.Many2one('res.currency', related='sale_order_id.currency_id', readonly=True)
    amount_total = fields.Monetary(
        'Return Amount', compute='_compute_amount_total', store=True,
        help="Quantities to return at the order lines' net unit prices, taxes included.")
    photo_ids = fields.Many2many(
        'ir.attachment', 'aftersales_return_photo_rel', 'return_id', 'attachment_id', string='Photos',
        help='Pictures of the goods or of the damage sent by the customer.')
    priority = fields.Selection(AVAILABLE_PRIORITIES, default='0', index=True)
    reason_id = fields.Many2one('aftersales.return.reason', string='Return Reason', ondelete='restrict',
                                track_visibility='onchange')
    description = fields.Text()
    line_ids = fields.One2many(
        'aftersales.return.line', 'return_id', string='Products to Return', copy=True,
        states=READONLY_UNLESS_DRAFT)
    state = fields.Selection([
        ('draft', 'Draft'),
        ('approved', 'Approved'),
        ('received', 'Goods Received'),
        ('refunded', 'Refunded'),
        ('replaced', 'Replaced'),
        ('closed', 'Closed'),
        ('refused', 'Refused'),
    ], default='draft', required=True, readonly=True, copy=False, index=True, track_visibility='onchange')
    refuse_reason = fields.Text(track_visibility='onchange', copy=False, readonly=True)

    @api.depends('line_ids.amount')
    def _compute_amount_total(self):
        for request in self:
            request.amount_total = sum(request.line_ids.mapped('amount'))

    @api.onchange('user_id')
    def _onchange_user_id(self):
        if self.user_id.sale_team_id:
            self.team_id = self.user_id.sale_team_id

    @api.constrains('sale_order_id', 'partner_id')
    def _check_sale_order(self):
        for request in self:
            order = request.sale_order_id
            if order.state not in ('sale', 'done'):
                raise ValidationError(_('Goods can only be returned on a confirmed sales order; %s is not.')
                                      % order.name)
            if order.partner_id.commercial_partner_id != request.partner_id.commercial_partner_id:
                raise ValidationError(_('Sales order %(order)s is not an order of %(customer)s.') % {
                    'order': order.name, 'customer': request.partner_id.display_name})

    @api.onchange('partner_id')
    def _onchange_partner_id(self):
        domain = [('state', 'in', ('sale', 'done'))]
        if self.partner_id:
            domain.append(('partner_id', 'child_of', self.partner_id.commercial_partner_id.id))
            if self.sale_order_id.partner_id.commercial_partner_id != self.partner_id.commercial_partner_id:
                self.sale_order_id = False
        return {'domain': {'sale_order_id': domain}}

    @api.onchange('sale_order_id')
    def _onchange_sale_order_id(self):
        if self.sale_order_id:
            self.company_id = self.sale_order_id.company_id
            self.partner_id = self.sale_order_id.partner_id.commercial_partner_id
            self.line_ids = self.line_ids.filtered(lambda line: line.sale_line_id.order_id == self.sale_order_id)

    # ------------------------------------------------------------------ ORM

    @api.model
    def create(self, vals):
        if vals.get('state', 'draft') != 'draft':
            raise UserError(_('A return request is always created as a draft.'))
        vals['name'] = self.env['ir.sequence'].next_by_code('aftersales.return') or _('New')
        if vals.get('sale_order_id'):
            # The request belongs to the order's company (a plain column, so record rules see it at once).
            vals['company_id'] = self.env['sale.order'].browse(vals['sale_order_id']).company_id.id
        return super(AftersalesReturn, self).create(vals)

    @api.multi
    def write(self, vals):
        if any(name in vals for name in self._DRAFT_ONLY_FIELDS):
            self._check_draft()
        if vals.get('sale_order_id'):
            vals['company_id'] = self.env['sale.order'].browse(vals['sale_order_id']).company_id.id
        return super(AftersalesReturn, self).write(vals)

    @api.multi
    def unlink(self):
        if not is_module_uninstall(self.env):
            self._check_draft()
        return super(AftersalesReturn, self).unlink()

    @api.multi
    def _check_draft(self):
        for request in self:
            if request.state != 'draft':
                raise UserError(_('Return request %s is no longer a draft: its order and products cannot change.')
                                % request.name)

    # ------------------------------------------------------------------ state machine

    def _check_state_requirements(self, new_state, vals):
        if new_state == 'approved' and not self.line_ids:
            raise UserError(_('Return request %s has no products to return.') % self.name)
        if new_state == 'refused' and not (vals.get('refuse_reason') or self.refuse_reason):
            raise UserError(_('Give the reason why return request %s is refused.') % self.name)
        return super(AftersalesReturn, self)._check_state_requirements(new_state, vals)

    @api.multi
    def action_approve(self):
        return self._move_to('approved')

    @api.multi
    def action_refuse(self, reason=None):
        reason = reason and reason.strip()
        for request in self:
            request._move_to('refused', refuse_reason=reason or request.refuse_reason)
        return True

    @api.multi
    def action_close(self):
        return self._move_to('closed')
