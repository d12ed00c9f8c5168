from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare
from odoo.tools.misc import formatLang

APPROVAL_LEVELS = [('none', 'None'), ('team_lead', 'Team Lead'), ('director', 'Sales Director')]
PRICE_APPROVAL_STATES = [
    ('draft', 'Not Requested'),
    ('to_approve', 'To Approve'),
    ('approved', 'Approved'),
    ('rejected', 'Rejected'),
]
# What the reviewers approve: changing it while under review is refused, after approval it asks again.
PRICE_BASIS_FIELDS = {'order_line', 'pricelist_id', 'partner_id', 'currency_id', 'company_id', 'payment_term_id'}


class SaleOrder(models.Model):
    """Price approval of quotations (报价审批) through OCA base_tier_validation.

    A quotation whose prices go below the floor, whose discounts exceed the salesperson's maximum, or that
    meets a company's other tiers (e.g. a large amount) is sent or confirmed only once approved by the
    reviewers of the company's tier definitions for quotations: by default a team lead up to the company's
    percentage below floor (and for discounts up to the team lead's maximum), a sales director beyond. The
    approval covers the prices it saw: changing them asks for a new approval. Nobody approves his own
    quotation; reviews are decided only by their reviewers (sales_funnel's tier.review guard).
    """
    _name = 'sale.order'
    _inherit = ['sale.order', 'tier.validation']
    _state_field = 'price_approval_state'
    _state_from = ['to_approve']
    _state_to = ['approved']
    _cancel_state = 'rejected'

    price_approval_state = fields.Selection(PRICE_APPROVAL_STATES, 'Price Approval', default='draft', required=True,
                                            copy=False, index=True, track_visibility='onchange')
    floor_approval_level = fields.Selection(
        APPROVAL_LEVELS, 'Below-floor Approval', compute='_compute_approval_levels', store=True,
        help="Who must approve the prices below the floor: a team lead up to the company's percentage below "
             "floor, a sales director beyond.")
    discount_approval_level = fields.Selection(
        APPROVAL_LEVELS, 'Discount Approval', compute='_compute_approval_levels', store=True,
        help="Who must approve the discounts: a team lead above the salespeople's maximum discount, a sales "
             "director above the team leads'.")
    max_below_floor_percent = fields.Float('Most below Floor (%)', compute='_compute_approval_levels', store=True,
                                           digits=(16, 2))
    max_line_discount = fields.Float('Highest Discount (%)', compute='_compute_approval_levels', store=True,
                                     digits=(16, 2))
    price_approver_id = fields.Many2one('res.users', 'Prices Approved By', readonly=True, copy=False)
    price_approval_date = fields.Datetime('Prices Approved On', readonly=True, copy=False)

    @api.depends('order_line.below_floor_percent', 'order_line.discount', 'company_id', 'user_id')
    def _compute_approval_levels(self):
        Limit = self.env['sale.discount.limit'].sudo()
        team_lead = self.env.ref('sales_team.group_sale_salesman_all_leads')
        for order in self:
            company = order.company_id or self.env.user.company_id
            below = max(order.order_line.mapped('below_floor_percent') or [0.0])
            discount = max(order.order_line.mapped('discount') or [0.0])
            order.max_below_floor_percent, order.max_line_discount = below, discount
            if not below:
                order.floor_approval_level = 'none'
            elif below <= company.floor_approval_team_lead_percent:
                order.floor_approval_level = 'team_lead'
            else:
                order.floor_approval_level = 'director'
            # within the salesperson's own maximum, nobody approves; beyond, who may give such a discount
            own_max = Limit._get_max_discount(order.user_id, company) if order.user_id else None
            lead_limit = Limit.search([('company_id', '=', company.id), ('group_id', '=', team_lead.id)], limit=1)
            lead_max = lead_limit.max_discount if lead_limit else None
            if own_max is None or float_compare(discount, own_max, precision_digits=2) <= 0:
                order.discount_approval_level = 'none'
            elif lead_max is None or float_compare(discount, lead_max, precision_digits=2) <= 0:
                order.discount_approval_level = 'team_lead'
            else:
                order.discount_approval_level = 'director'

    # ------------------------------------------------------------------------------------------------
    # The rules at sending and confirming
    # ------------------------------------------------------------------------------------------------
    def _applicable_tiers(self):
        """The company's tier definitions for quotations that this quotation meets (record rule per company)."""
        self.ensure_one()
        tiers = self.env['tier.definition'].search([('model', '=', self._name)])
        return tiers.filtered(lambda tier: self.evaluate_tier(tier))

    @api.multi
    def _check_price_rules(self):
        """Below floor, discounts above the salesperson's maximum, or any tier of the company: approved
        first. Who could approve every tier himself (and is not the quotation's salesperson) sends or
        confirms it directly, which approves it in his name. Without tiers configured, the old rules: a
        sales manager for prices below floor, the user's own maximum discount."""
        for order in self:
            if order.price_approval_state == 'approved':
                continue
            tiers = order._applicable_tiers()
            if not tiers:
                super(SaleOrder, order)._check_price_rules()
                continue
            user = self.env.user
            reviewers = [tier.reviewer_id | tier.reviewer_group_id.users for tier in tiers]
            if user != order.user_id and all(user in tier_reviewers for tier_reviewers in reviewers):
                order._approve_directly()
                continue
            message = _('Quotation %(order)s needs approval before it is sent or confirmed (%(tiers)s): request '
                        'it with "Request Price Approval".') % {
                            'order': order.name, 'tiers': ', '.join(tiers.mapped('name'))}
            raise UserError('\n'.join([message] + order._price_rule_details()))
        return True

    def _approve_directly(self):
        """The reviews of the quotation, created and approved by the current user, who may approve them all."""
        self.sudo().write({'price_approval_state': 'to_approve'})
        self.request_validation()
        self.validate_tier()

    def _price_rule_details(self):
        """The lines below floor and the discounts, one line each, for the refusal message."""
        details = [_('- %(product)s: %(gap)s below the floor price of %(floor)s') % {
            'product': line.product_id.display_name,
            'gap': formatLang(self.env, line.floor_gap, currency_obj=self.currency_id),
            'floor': formatLang(self.env, line.floor_price, currency_obj=self.currency_id),
        } for line in self.order_line.filtered('below_floor')]
        if self.discount_approval_level != 'none':
            own_max = self.env['sale.discount.limit']._get_max_discount(
                self.user_id, self.company_id or self.env.user.company_id) or 0.0
            details += [_('- %(product)s: %(discount)s %% discount, at most %(max)s %% allowed to %(user)s') % {
                'product': line.product_id.display_name,
                'discount': formatLang(self.env, line.discount, dp='Discount'),
                'max': formatLang(self.env, own_max, dp='Discount'), 'user': self.user_id.name,
            } for line in self.order_line.filtered(lambda l: l.discount > own_max)]
        return details

    @api.multi
    def action_request_price_approval(self):
        for order in self:
            order.check_access_rule('write')
            if order.state not in ('draft', 'sent'):
                raise UserError(_('Only quotations are submitted for price approval.'))
            if order.price_approval_state == 'to_approve':
                raise UserError(_('The prices of %s are already waiting for approval.') % order.name)
            if not order.order_line:
                raise UserError(_('Quotation %s has no lines to approve.') % order.name)
            if not order._applicable_tiers():
                raise UserError(_('Quotation %s needs no price approval: its prices are within the rules.')
                                % order.name)
            order.sudo().write({'price_approval_state': 'to_approve', 'price_approver_id': False,
                                'price_approval_date': False})
            reviews = order.request_validation()
            order._notify_reviewers(reviews)
        return True

    def _notify_reviewers(self, reviews):
        """An activity for each reviewer: the approvers' to-do list tells them."""
        activity_type = self.env.ref('quote_pricing.mail_activity_type_price_approval')
        model = self.env['ir.model']._get(self._name)
        for user in reviews.mapped('reviewer_ids'):
            self.env['mail.activity'].sudo().create({
                'res_model_id': model.id, 'res_id': self.id, 'activity_type_id': activity_type.id,
                'user_id': user.id, 'summary': _('Approve the prices of %s') % self.name,
                'date_deadline': fields.Date.context_today(self)})

    @api.multi
    def validate_tier(self):
        if not self.env.user._is_superuser() and self.filtered(lambda order: order.user_id == self.env.user):
            raise UserError(_('You cannot approve the prices of your own quotation.'))
        super(SaleOrder, self).validate_tier()
        self._decide_price_approval()
        return True  # base_tier_validation returns None, which XML-RPC cannot send back

    @api.multi
    def reject_tier(self):
        super(SaleOrder, self).reject_tier()
        self._decide_price_approval()
        return True

    def _decide_price_approval(self):
        for order in self.filtered(lambda o: o.price_approval_state == 'to_approve'):
            state = 'rejected' if order.rejected else 'approved' if order.validated else None
            if not state:
                continue
            order.sudo().write({'price_approval_state': state, 'price_approver_id': self.env.uid,
                                'price_approval_date': fields.Datetime.now()})
            activity_type = self.env.ref('quote_pricing.mail_activity_type_price_approval')
            order.sudo().activity_ids.filtered(lambda a: a.activity_type_id == activity_type).unlink()

    @api.multi
    def _reset_price_approval(self):
        """The prices changed after their approval: it must be asked again."""
        approved = self.filtered(lambda order: order.price_approval_state in ('approved', 'rejected'))
        if approved:
            approved.sudo().write({'price_approval_state': 'draft', 'price_approver_id': False,
                                   'price_approval_date': False})
            for order in approved:
                order.message_post(body=_('The prices changed: their approval must be requested again.'),
                                   subtype='mail.mt_note')

    @api.multi
    def write(self, vals):
        if 'price_approval_state' in vals and not self.env.user._is_superuser():
            raise UserError(_('The price approval changes only through its buttons.'))
        result = super(SaleOrder, self).write(vals)
        if PRICE_BASIS_FIELDS & set(vals):
            self._reset_price_approval()
        return result

    @api.multi
    def _check_allow_write_under_validation(self, vals):
        """Under review, only what the reviewers do not judge may change."""
        return not (PRICE_BASIS_FIELDS & set(vals))

    def _notify_accepted_reviews_body(self):
        return _('A price review was approved by %s.') % self.env.user.name

    def _notify_requested_review_body(self):
        return _('Price approval requested by %s.') % self.env.user.name

    @api.multi
    def _check_price_rules_after_confirmation(self):
        """The rules of the quotation's approval, for a confirmed order whose prices were changed."""
        for order in self:
            if order._applicable_tiers() or order.has_below_floor_lines:
                raise UserError(_('%s is confirmed: its prices cannot go below the floor price or beyond the '
                                  'approved discounts any more.') % order.name)
            super(SaleOrder, order)._check_discount_limit()
