from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import formatLang


class SaleOrder(models.Model):
    _inherit = 'sale.order'

    has_below_floor_lines = fields.Boolean(
        'Below Floor Price', compute='_compute_has_below_floor_lines', store=True,
        help='At least one line is priced below the floor price: only a sales manager can confirm or send it.')
    amount_total_cn = fields.Char(
        'Total in Words', compute='_compute_amount_total_cn',
        help='The total in Chinese capital numerals (大写金额), for renminbi orders.')
    has_discount_over_limit = fields.Boolean(
        'Discount above Limit', compute='_compute_has_discount_over_limit',
        help='At least one discount is higher than the maximum discount you may give: '
             'only a sales manager can confirm or send it.')

    @api.depends('order_line.below_floor')
    def _compute_has_below_floor_lines(self):
        for order in self:
            order.has_below_floor_lines = any(order.order_line.mapped('below_floor'))

    @api.depends('order_line.discount_over_limit')
    def _compute_has_discount_over_limit(self):
        for order in self:
            order.has_discount_over_limit = any(order.order_line.mapped('discount_over_limit'))

    @api.depends('amount_total', 'currency_id')
    def _compute_amount_total_cn(self):
        for order in self:
            order.amount_total_cn = order.currency_id.amount_to_text_cn(order.amount_total) \
                if order.currency_id else False

    @api.multi
    def _check_floor_price(self):
        """Refuse a quotation priced below floor unless the user is a sales manager.

        The one place deciding who may go below the floor price: a later approval workflow replaces it.
        """
        if self.env.user.has_group('sales_team.group_sale_manager'):
            return True
        for order in self.filtered('has_below_floor_lines'):
            gaps = '\n'.join(
                _('- %(product)s: %(gap)s below the floor price of %(floor)s') % {
                    'product': line.product_id.display_name,
                    'gap': formatLang(self.env, line.floor_gap, currency_obj=order.currency_id),
                    'floor': formatLang(self.env, line.floor_price, currency_obj=order.currency_id),
                } for line in order.order_line.filtered('below_floor'))
            raise UserError(_(
                'Quotation %(order)s has prices below the floor price; only a sales manager can confirm '
                'or send it:\n%(gaps)s') % {'order': order.name, 'gaps': gaps})
        return True

    @api.multi
    def _get_max_discount(self):
        """The highest discount (percent) the current user may give on this quotation, None for no limit."""
        self.ensure_one()
        # The quotation's company: the user's current company or one of its subsidiaries (sale.order rule).
        company = self.company_id or self.env.user.company_id
        return self.env['sale.discount.limit']._get_max_discount(self.env.user, company)

    @api.multi
    def _check_discount_limit(self):
        """Refuse a quotation with a discount above the current user's maximum discount."""
        for order in self:
            lines = order.order_line.filtered('discount_over_limit')
            if not lines:
                continue
            max_discount = formatLang(self.env, order._get_max_discount(), dp='Discount')
            details = '\n'.join(
                _('- %(product)s: %(discount)s %% discount, at most %(max)s %% allowed') % {
                    'product': line.product_id.display_name,
                    'discount': formatLang(self.env, line.discount, dp='Discount'),
                    'max': max_discount,
                } for line in lines)
            raise UserError(_(
                'Quotation %(order)s has discounts above your maximum discount of %(max)s %%; only a sales '
                'manager can confirm or send it:\n%(lines)s') % {
                    'order': order.name, 'max': max_discount, 'lines': details})
        return True

    @api.multi
    def _check_price_rules(self):
        """The price rules a quotation must meet before it is confirmed or sent."""
        self._check_floor_price()
        self._check_discount_limit()
        return True

    @api.multi
    def action_confirm(self):
        self._check_price_rules()
        return super(SaleOrder, self).action_confirm()

    @api.multi
    def action_quotation_send(self):
        self._check_price_rules()
        return super(SaleOrder, self).action_quotation_send()
