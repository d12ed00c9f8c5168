from odoo import _, api, fields, models
from odoo.addons import decimal_precision as dp
from odoo.exceptions import AccessError, ValidationError


class SaleFloorPrice(models.Model):
    """A floor (red-line) price and warning ceiling of a product for one customer or one customer category,
    overriding the product's own. The customer's wins over its category's, which wins over the product's."""
    _name = 'sale.floor.price'
    _description = 'Customer Floor Price'
    _order = 'product_tmpl_id, partner_id, customer_category_id'

    product_tmpl_id = fields.Many2one('product.template', 'Product', required=True, index=True, ondelete='cascade')
    partner_id = fields.Many2one('res.partner', 'Customer', index=True, ondelete='cascade',
                                 domain=[('is_company', '=', True), ('customer', '=', True)])
    customer_category_id = fields.Many2one('crm.customer.category', 'Customer Category', index=True,
                                           ondelete='cascade')
    floor_price = fields.Float('Floor Price', digits=dp.get_precision('Product Price'), required=True)
    ceiling_price = fields.Float(
        'Warning Ceiling', digits=dp.get_precision('Product Price'),
        help='A unit price above this is flagged as unusually high. 0 = none.')
    company_id = fields.Many2one('res.company', 'Company', index=True,
                                 default=lambda self: self.env['res.company']._company_default_get(self._name))

    _sql_constraints = [
        ('floor_target_uniq', 'unique(product_tmpl_id, partner_id, customer_category_id, company_id)',
         'This product already has a floor price for this customer or category.'),
    ]

    @api.constrains('partner_id', 'customer_category_id', 'floor_price', 'ceiling_price')
    def _check_values(self):
        for rule in self:
            if bool(rule.partner_id) == bool(rule.customer_category_id):
                raise ValidationError(_('A customer floor price is for one customer or one customer category.'))
            if rule.floor_price < 0 or rule.ceiling_price < 0:
                raise ValidationError(_('Floor prices and ceilings cannot be negative.'))
            if rule.ceiling_price and rule.ceiling_price < rule.floor_price:
                raise ValidationError(_('The warning ceiling of %s is below its floor price.')
                                      % rule.product_tmpl_id.display_name)

    @api.model
    def create(self, vals):
        self._check_manager()
        rule = super(SaleFloorPrice, self).create(vals)
        rule._refresh_open_lines()
        return rule

    @api.multi
    def write(self, vals):
        self._check_manager()
        products = self.mapped('product_tmpl_id')
        result = super(SaleFloorPrice, self).write(vals)
        self._refresh_open_lines(products)
        return result

    @api.multi
    def unlink(self):
        self._check_manager()
        products = self.mapped('product_tmpl_id')
        result = super(SaleFloorPrice, self).unlink()
        self.browse()._refresh_open_lines(products)
        return result

    def _check_manager(self):
        # stock and purchase managers may edit products; floor prices are a sales decision
        if not self.env.user.has_group('sales_team.group_sale_manager'):
            raise AccessError(_('Only a sales manager can set floor prices.'))

    def _refresh_open_lines(self, products=None):
        """The floor price of a line is stored: recompute it on the open quotations of these products."""
        products = (products or self.env['product.template']) | self.mapped('product_tmpl_id')
        lines = self.env['sale.order.line'].sudo().search([
            ('product_id.product_tmpl_id', 'in', products.ids), ('order_id.state', 'in', ('draft', 'sent'))])
        if lines:
            # a cached value would be taken for the recomputed one
            lines.invalidate_cache(['floor_price', 'ceiling_price'], lines.ids)
            self.env.add_todo(lines._fields['floor_price'], lines)
            lines.recompute()

    @api.model
    def _floor_and_ceiling(self, template, partner, company):
        """(floor, ceiling) of ``template`` for ``partner``, in the company currency and the product's unit."""
        return self._floors_and_ceilings([(template, partner, company)])[(template, partner, company)]

    @api.model
    def _floors_and_ceilings(self, keys):
        """{(template, partner, company): (floor, ceiling)} for many keys with one search, so that the lines of
        a document do not search once each: the customer's rule wins over its category's, then the product's."""
        keys = set(keys)
        if not keys:
            return {}
        commercial = {key: key[1].commercial_partner_id for key in keys}
        partners = self.env['res.partner'].union(*commercial.values())
        categories = partners.mapped('customer_category_id')
        rules = self.sudo().search([
            ('product_tmpl_id', 'in', list({key[0].id for key in keys})),
            '|', ('company_id', '=', False), ('company_id', 'in', list({key[2].id for key in keys})),
            '|', ('partner_id', 'in', partners.ids), ('customer_category_id', 'in', categories.ids or [-1])])
        result = {}
        for key in keys:
            template, _partner, company = key
            partner = commercial[key]
            # the search's order is kept: the same rule comes first as when searched for this key alone
            matching = rules.filtered(lambda rule: rule.product_tmpl_id == template
                                      and (not rule.company_id or rule.company_id == company)
                                      and (rule.partner_id == partner or (partner.customer_category_id and
                                           rule.customer_category_id == partner.customer_category_id)))
            rule = matching.filtered('partner_id')[:1] or matching[:1]
            result[key] = (rule.floor_price, rule.ceiling_price) if rule else (template.floor_price,
                                                                               template.ceiling_price)
        return result
