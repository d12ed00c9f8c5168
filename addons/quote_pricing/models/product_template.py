from odoo import _, api, fields, models
from odoo.addons import decimal_precision as dp
from odoo.exceptions import AccessError
from odoo.tools import float_compare


class ProductTemplate(models.Model):
    _inherit = 'product.template'

    floor_price = fields.Float(
        'Floor Price', digits=dp.get_precision('Product Price'), track_visibility='onchange',
        help='The lowest unit price (after discount) a salesperson may quote without a sales manager, '
             'in the company currency. 0 = no floor price.')

    @api.model
    def create(self, vals):
        if vals.get('floor_price'):
            self._check_floor_price_access()
        return super(ProductTemplate, self).create(vals)

    @api.multi
    def write(self, vals):
        if 'floor_price' in vals:
            precision = self.env['decimal.precision'].precision_get('Product Price')
            if any(float_compare(template.floor_price, vals['floor_price'] or 0.0, precision_digits=precision)
                   for template in self):
                self._check_floor_price_access()
        return super(ProductTemplate, self).write(vals)

    def _check_floor_price_access(self):
        # Stock and purchase managers may edit products, but the floor price is a sales decision.
        if not self.env.user.has_group('sales_team.group_sale_manager'):
            raise AccessError(_('Only a sales manager can set the floor price of a product.'))
