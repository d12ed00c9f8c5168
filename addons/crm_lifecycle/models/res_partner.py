from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ResPartner(models.Model):
    _inherit = 'res.partner'

    # As account defines it: the record rule on customers exempts the partners of companies, and
    # crm_lifecycle does not depend on account.
    ref_company_ids = fields.One2many('res.company', 'partner_id', string='Companies that refers to partner')
    # set null, not restrict: crm.customer.category.unlink refuses categories in use (see in_use_guard), and
    # the module's uninstall must drop them while customers stay
    customer_category_id = fields.Many2one(
        'crm.customer.category', string='Customer Category', index=True,
        track_visibility='onchange', ondelete='set null')

    @api.constrains('user_id', 'customer_category_id')
    def _check_category_holding_cap(self):
        """A salesperson may hold only so many customers of a category (its strategy says how many).

        One count per owner and category of ``self``, however many customers are written at once.
        """
        capped = self.filtered(lambda p: p.user_id and p.customer_category_id.max_customers_per_salesperson)
        if not capped:
            return
        groups = self.sudo().read_group([
            ('user_id', 'in', capped.mapped('user_id').ids),
            ('customer_category_id', 'in', capped.mapped('customer_category_id').ids),
        ], ['user_id', 'customer_category_id'], ['user_id', 'customer_category_id'], lazy=False)
        held_by_cap = {(group['user_id'][0], group['customer_category_id'][0]): group['__count'] for group in groups}
        for partner in capped:
            category = partner.customer_category_id
            held = held_by_cap.get((partner.user_id.id, category.id), 0)
            if held > category.max_customers_per_salesperson:
                raise ValidationError(_(
                    '%(user)s already holds %(limit)s customers of category "%(category)s", '
                    'the most this category allows per salesperson.') % {
                        'user': partner.user_id.name,
                        'limit': category.max_customers_per_salesperson,
                        'category': category.name,
                })
