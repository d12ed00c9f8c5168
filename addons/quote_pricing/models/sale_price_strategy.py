from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

STRATEGY_TYPES = [
    ('discount', 'Discount on the Pricelist Price'),
    ('fixed', 'Fixed Unit Price'),
]


class SalePriceStrategy(models.Model):
    """A price strategy (价格策略): the price or discount of a quotation line for whom and what it names.

    Odoo's pricelists already say product, product category, quantity and dates; a strategy adds what
    they cannot — the customer, the customer category (crm_lifecycle), the sales team — and an explicit
    priority among the strategies that apply. Its quantity breaks give the discount or the fixed price from
    a minimum quantity on. The line remembers which strategy set its price.
    """
    _name = 'sale.price.strategy'
    _description = 'Price Strategy'
    _order = 'priority, id'

    name = fields.Char(required=True, translate=True)
    priority = fields.Integer(
        required=True, default=10,
        help='When several strategies apply to a line, the lowest priority number wins (then the oldest).')
    active = fields.Boolean(default=True)
    company_id = fields.Many2one('res.company', 'Company', index=True,
                                 default=lambda self: self.env['res.company']._company_default_get(self._name),
                                 help='Leave empty to apply the strategy in all companies.')
    strategy_type = fields.Selection(STRATEGY_TYPES, 'Type', required=True, default='discount')
    date_start = fields.Date('Valid From')
    date_end = fields.Date('Valid Until')
    partner_ids = fields.Many2many('res.partner', 'sale_price_strategy_partner_rel', 'strategy_id', 'partner_id',
                                   string='Customers', domain=[('is_company', '=', True), ('customer', '=', True)])
    customer_category_ids = fields.Many2many('crm.customer.category', 'sale_price_strategy_category_rel',
                                             'strategy_id', 'category_id', string='Customer Categories')
    team_ids = fields.Many2many('crm.team', 'sale_price_strategy_team_rel', 'strategy_id', 'team_id',
                                string='Sales Teams')
    product_ids = fields.Many2many('product.product', 'sale_price_strategy_product_rel', 'strategy_id',
                                   'product_id', string='Products')
    product_category_ids = fields.Many2many('product.category', 'sale_price_strategy_product_category_rel',
                                            'strategy_id', 'category_id', string='Product Categories')
    break_ids = fields.One2many('sale.price.strategy.break', 'strategy_id', string='Quantity Breaks', copy=True)
    note = fields.Text()

    @api.constrains('date_start', 'date_end')
    def _check_dates(self):
        for strategy in self.filtered(lambda s: s.date_start and s.date_end and s.date_start > s.date_end):
            raise ValidationError(_('The price strategy "%s" ends before it starts.') % strategy.name)

    @api.constrains('break_ids', 'active')
    def _check_breaks(self):
        for strategy in self.filtered(lambda s: s.active and not s.break_ids):
            raise ValidationError(_('The price strategy "%s" needs at least one quantity break.') % strategy.name)

    def _applies_to(self, line_values):
        """Whether this strategy's conditions hold for a line described by ``line_values`` (partner,
        category, team, product, date, company)."""
        self.ensure_one()
        date = line_values['date']
        if self.company_id and self.company_id != line_values['company']:
            return False
        if (self.date_start and date < self.date_start) or (self.date_end and date > self.date_end):
            return False
        product = line_values['product']
        conditions = [
            (self.partner_ids, line_values['partner']),
            (self.customer_category_ids, line_values['partner'].customer_category_id),
            (self.team_ids, line_values['team']),
            (self.product_ids, product),
        ]
        if any(records and value not in records for records, value in conditions):
            return False
        # a category covers its sub-categories: walk up the product's (not parent_left, which is computed late
        # while modules install)
        if self.product_category_ids:
            category, ancestors = product.categ_id, set()
            while category:
                ancestors.add(category.id)
                category = category.parent_id
            if not ancestors & set(self.product_category_ids.ids):
                return False
        return True

    def _break_for(self, quantity):
        """The quantity break that applies to ``quantity``: the one with the highest minimum it reaches."""
        self.ensure_one()
        reached = self.break_ids.filtered(lambda b: b.min_quantity <= quantity)
        return reached.sorted('min_quantity')[-1:] if reached else reached

    @api.model
    def _find(self, line_values, quantity):
        """The strategy and break for a line, by priority: (strategy, break) or (empty, empty). A company
        has tens of strategies, not thousands: they are read once and tested in order."""
        for strategy in self.sudo().search([], order='priority, id'):
            if strategy._applies_to(line_values):
                price_break = strategy._break_for(quantity)
                if price_break:
                    return strategy, price_break
        return self.browse(), self.env['sale.price.strategy.break']
