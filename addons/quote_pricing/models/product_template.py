from odoo import _, api, fields, models
from odoo.addons import decimal_precision as dp
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import float_compare


class ProductTemplate(models.Model):
    _inherit = 'product.template'

    floor_price = fields.Float(
        'Floor Price', digits=dp.get_precision('Product Price'), track_visibility='onchange',
        help='The lowest unit price (after discount) a salesperson may quote without a sales manager, '
             'in the company currency. 0 = no floor price.')

    ceiling_price = fields.Float(
        'Warning Ceiling', digits=dp.get_precision('Product Price'), track_visibility='onchange',
        help='A unit price above this is flagged as unusually high on quotations, in the company currency. '
             '0 = none.')
    customer_floor_price_ids = fields.One2many('sale.floor.price', 'product_tmpl_id',
                                               string='Floor Prices by Customer')

    @api.constrains('floor_price', 'ceiling_price')
    def _check_floor_and_ceiling(self):
        for template in self:
            if template.floor_price < 0 or template.ceiling_price < 0:
                raise ValidationError(_('Floor prices and ceilings cannot be negative.'))
            if template.ceiling_price and template.ceiling_price < template.floor_price:
                raise ValidationError(_('The warning ceiling of %s is below its floor price.') % template.name)

    @api.model
    def create(self, vals):
        if vals.get('floor_price') or vals.get('ceiling_price'):
            self._check_floor_price_access()
        return super(ProductTemplate, self).create(vals)

    @api.multi
    def write(self, vals):
        precision = self.env['decimal.precision'].precision_get('Product Price')
        for name in ('floor_price', 'ceiling_price'):
            if name in vals and any(float_compare(template[name], vals[name] or 0.0, precision_digits=precision)
                                    for template in self):
                self._check_floor_price_access()
        return super(ProductTemplate, self).write(vals)

    def _check_floor_price_access(self):
        # Stock and purchase managers may edit products, but the floor price is a sales decision.
        if not self.env.user.has_group('sales_team.group_sale_manager'):
            raise AccessError(_('Only a sales manager can set the floor price of a product.'))
