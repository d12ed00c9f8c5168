from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.crm_lifecycle.models.caller_time_zone import sudo_in_caller_tz, user_day

ORDER_TYPES = [
    ('normal', 'Standard Sale'),
    ('framework', 'Call-off under Framework'),
    ('sample', 'Sample'),
    ('replacement', 'Replacement'),
    ('service', 'Service'),
    ('fast', 'Fast Sale (开单)'),
]
PAYMENT_METHODS = [
    ('bank_transfer', 'Bank Transfer'),
    ('acceptance_bill', 'Bank Acceptance Bill'),
    ('cash', 'Cash'),
    ('online', 'Online Payment'),
    ('credit', 'On Credit'),
]
DELIVERY_METHODS = [
    ('our_delivery', 'Our Delivery'),
    ('logistics', 'Logistics Company'),
    ('express', 'Express'),
    ('pickup', 'Customer Pickup'),
]


class SaleOrder(models.Model):
    _name = 'sale.order'
    _inherit = ['sale.order', 'sale.payment.plan.holder']

    contract_id = fields.Many2one(
        'sale.contract', string='Contract', index=True, copy=False, track_visibility='onchange',
        help='The contract this order executes.')
    order_type = fields.Selection(ORDER_TYPES, 'Order Type', default='normal', required=True, index=True,
                                  track_visibility='onchange')
    payment_method = fields.Selection(PAYMENT_METHODS, 'Payment Method', default='bank_transfer')
    delivery_method = fields.Selection(DELIVERY_METHODS, 'Delivery Method', default='our_delivery')
    payment_plan_ids = fields.One2many(
        'sale.payment.plan', 'sale_order_id', string='Payment Plan', copy=False,
        domain=[('contract_id', '=', False)],
        help='Instalments of an order without contract; a contract keeps the plan of its orders.')

    @api.constrains('contract_id', 'partner_id')
    def _check_contract_customer(self):
        for order in self.filtered('contract_id'):
            if order.contract_id.partner_id.commercial_partner_id != order.partner_id.commercial_partner_id:
                raise ValidationError(_('Sales order %(order)s is for %(customer)s, but contract %(contract)s '
                                        'is with %(contract_customer)s.') % {
                    'order': order.name, 'customer': order.partner_id.display_name,
                    'contract': order.contract_id.name,
                    'contract_customer': order.contract_id.partner_id.display_name})

    def _amount_fields(self):
        return {'order_line'}

    def _check_payment_plan_editable(self):
        if self.contract_id:
            raise UserError(_('Order %(order)s belongs to contract %(contract)s: the contract keeps the payment '
                              'plan.') % {'order': self.name, 'contract': self.contract_id.name})
        if self.state in ('done', 'cancel'):
            raise UserError(_('Order %s is locked or cancelled: its payment plan no longer changes.') % self.name)

    def _confirmation_day(self):
        """The day of the confirmation in the user's time zone."""
        return user_day(self, self.confirmation_date or fields.Datetime.now())

    def _payment_plan_start_date(self):
        return self._confirmation_day()

    def _payment_plan_triggered(self):
        if self.state in ('sale', 'done') and self.confirmation_date:
            self.payment_plan_ids._set_due_from_trigger('sign', self._confirmation_day())

    @api.multi
    def action_confirm(self):
        result = super(SaleOrder, self).action_confirm()
        for order in self.filtered(lambda o: not o.contract_id):
            if order.payment_plan_template_id and not order.payment_plan_ids:
                sudo_in_caller_tz(order)._generate_payment_plan()
            order._check_payment_plan_total()
            order._payment_plan_triggered()
        return result

    @api.multi
    def action_invoice_create(self, grouped=False, final=False):
        """An order invoiced through a payment plan (its own, or its contract's) is not invoiced again from
        its lines: the instalments produce the invoices."""
        for order in self:
            if order.payment_plan_ids or order.contract_id.payment_plan_ids:
                raise UserError(_('%s is invoiced through its payment plan: invoice the instalments.')
                                % (order.contract_id.name or order.name))
        return super(SaleOrder, self).action_invoice_create(grouped=grouped, final=final)

    @api.multi
    def _prepare_invoice(self):
        values = super(SaleOrder, self)._prepare_invoice()
        values['contract_id'] = self.contract_id.id
        return values

    # ------------------------------------------------------------------ contract from the quotation

    @api.multi
    def _prepare_contract_values(self):
        self.ensure_one()
        customer = self.partner_id.commercial_partner_id
        return {
            'title': self.client_order_ref or self.name,
            'partner_id': customer.id,
            'customer_signer_id': self.partner_id.id if self.partner_id != customer else False,
            'user_id': self.user_id.id,
            'our_signer_id': self.user_id.id,
            'team_id': self.team_id.id,
            'currency_id': self.currency_id.id,
            'company_id': self.company_id.id,
            'opportunity_id': self.opportunity_id.id,
            'payment_plan_template_id': self.payment_plan_template_id.id,
            'terms': self.note and '<p>%s</p>' % self.note.replace('\n', '<br/>') or False,
            'line_ids': [(0, 0, line._prepare_contract_line_values()) for line in self.order_line],
            'amount_manual': self.amount_total,
        }

    @api.multi
    def action_create_contract(self):
        """A won quotation (its prices approved, or within the rules) or a confirmed order becomes a draft
        contract carrying its customer, people, lines and amounts."""
        self.ensure_one()
        self.check_access_rule('write')
        if self.contract_id:
            raise UserError(_('Sales order %(order)s already belongs to contract %(contract)s.') % {
                'order': self.name, 'contract': self.contract_id.name})
        if self.state == 'cancel':
            raise UserError(_('%s is cancelled: it no longer becomes a contract.') % self.name)
        if self.state in ('draft', 'sent'):
            if not self.order_line:
                raise UserError(_('Quotation %s has no lines to put in a contract.') % self.name)
            # the price rules of quote_pricing: below floor or discounts beyond the limits need their approval
            self._check_price_rules()
        if self.payment_plan_ids.filtered('invoice_id'):
            raise UserError(_('%s has invoiced instalments: it no longer becomes a contract.') % self.name)
        contract = self.env['sale.contract'].create(self._prepare_contract_values())
        self.payment_plan_ids.sudo().unlink()
        self.write({'contract_id': contract.id})
        contract.message_post_with_view(
            'mail.message_origin_link', values={'self': contract, 'origin': self},
            subtype_id=self.env.ref('mail.mt_note').id)
        return {
            'type': 'ir.actions.act_window',
            'res_model': 'sale.contract',
            'res_id': contract.id,
            'view_mode': 'form',
            'target': 'current',
        }
