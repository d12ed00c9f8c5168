from odoo import _, api, fields, models
from odoo.addons import decimal_precision as dp
from odoo.exceptions import ValidationError


class SaleDiscountLimit(models.Model):
    _name = 'sale.discount.limit'
    _description = 'Maximum Discount per Group'
    _order = 'company_id, max_discount, id'

    group_id = fields.Many2one(
        'res.groups', 'Group', required=True, ondelete='cascade',
        domain=lambda self: [('category_id', '=', self.env.ref('base.module_category_sales_management').id)],
        help='Members of this group (e.g. Salesperson, Team Leader) may give discounts up to the maximum below.')
    max_discount = fields.Float(
        'Maximum Discount (%)', digits=dp.get_precision('Discount'), required=True,
        help='The highest discount, in percent, a member of the group may give on a quotation line.')
    company_id = fields.Many2one(
        'res.company', 'Company', required=True, ondelete='cascade',
        default=lambda self: self.env['res.company']._company_default_get('sale.discount.limit'))
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ('group_company_uniq', 'unique (group_id, company_id)',
         'A group can only have one maximum discount per company.'),
    ]

    @api.constrains('max_discount')
    def _check_max_discount(self):
        for limit in self:
            if not 0.0 <= limit.max_discount <= 100.0:
                raise ValidationError(_('The maximum discount must be between 0 and 100 %.'))

    @api.multi
    def name_get(self):
        return [(limit.id, '%s: %g %%' % (limit.group_id.display_name, limit.max_discount)) for limit in self]

    @api.model
    def _get_max_discount(self, user, company):
        """Return the highest discount (percent) ``user`` may give in ``company``, or None for no limit.

        Sales managers have no limit; neither has a user in no limited group, since nobody configured one
        for them. A user in several limited groups (a team leader is also a salesperson) gets the highest.
        """
        if user.has_group('sales_team.group_sale_manager'):
            return None
        # sudo: the limit is a business rule, it must apply whatever the user may read.
        limits = self.sudo().search([('company_id', '=', company.id), ('group_id', 'in', user.groups_id.ids)])
        return max(limits.mapped('max_discount')) if limits else None
