from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ResPartner(models.Model):
    _inherit = 'res.partner'

    customer_category_id = fields.Many2one(
        'crm.customer.category', string='Customer Category', index=True,
        track_visibility='onchange', ondelete='restrict')

    @api.constrains('user_id', 'customer_category_id')
    def _check_category_holding_cap(self):
        """A salesperson may hold only so many customers of a category (its strategy says how many)."""
        for partner in self.filtered(lambda p: p.user_id and p.customer_category_id.max_customers_per_salesperson):
            category = partner.customer_category_id
            held = self.sudo().search_count([
                ('user_id', '=', partner.user_id.id),
                ('customer_category_id', '=', category.id),
            ])
            if held > category.max_customers_per_salesperson:
                raise ValidationError(_(
                    '%(user)s already holds %(limit)s customers of category "%(category)s", '
                    'the most this category allows per salesperson.') % {
                        'user': partner.user_id.name,
                        'limit': category.max_customers_per_salesperson,
                        'category': category.name,
                })
