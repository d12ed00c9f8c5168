from odoo import api, fields, models

from .in_use_guard import check_not_used_by_partners


class CustomerLevel(models.Model):
    """How much a customer matters to the company (战略 / 重要 / 普通), independent of its category's strategy."""
    _name = 'crm.customer.level'
    _description = 'Customer Level'
    _order = 'sequence, id'

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        'res.company', index=True,
        default=lambda self: self.env['res.company']._company_default_get('crm.customer.level'),
        help='Leave empty to share the level between all companies.')

    @api.multi
    def unlink(self):
        check_not_used_by_partners(self, 'customer_level_id')
        return super(CustomerLevel, self).unlink()
