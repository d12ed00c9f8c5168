from odoo import _, api, fields, models
from odoo.addons import decimal_precision as dp
from odoo.exceptions import ValidationError


class SalePriceStrategyBreak(models.Model):
    """From ``min_quantity`` on, the strategy gives this discount (or this fixed unit price)."""
    _name = 'sale.price.strategy.break'
    _description = 'Price Strategy Quantity Break'
    _order = 'strategy_id, min_quantity'

    strategy_id = fields.Many2one('sale.price.strategy', required=True, index=True, ondelete='cascade')
    # the strategy's company, stored for the record rule: another company's prices stay hidden
    company_id = fields.Many2one(related='strategy_id.company_id', store=True, index=True, readonly=True)
    min_quantity = fields.Float('From Quantity', required=True, default=0.0,
                                digits=dp.get_precision('Product Unit of Measure'))
    discount = fields.Float('Discount (%)', digits=dp.get_precision('Discount'))
    fixed_price = fields.Float('Unit Price', digits=dp.get_precision('Product Price'))

    _sql_constraints = [
        ('min_quantity_uniq', 'unique(strategy_id, min_quantity)', 'A strategy has one break per quantity.'),
    ]

    @api.constrains('min_quantity', 'discount', 'fixed_price')
    def _check_values(self):
        for price_break in self:
            if price_break.min_quantity < 0:
                raise ValidationError(_('A quantity break cannot start below zero.'))
            if not 0 <= price_break.discount <= 100:
                raise ValidationError(_('A strategy discount must be between 0 and 100 %.'))
            if price_break.fixed_price < 0:
                raise ValidationError(_('A strategy price cannot be negative.'))
            if price_break.strategy_id.strategy_type == 'fixed' and not price_break.fixed_price:
                raise ValidationError(_('The strategy "%s" sets a fixed price: give the unit price of each '
                                        'quantity break.') % price_break.strategy_id.name)
