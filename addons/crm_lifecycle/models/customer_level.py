from odoo import api, models

from .in_use_guard import check_not_used_by_partners


class CustomerLevel(models.Model):
    """How much a customer matters to the company (战略 / 重要 / 普通), independent of its category's strategy."""
    _name = 'crm.customer.level'
    _description = 'Customer Level'
    _inherit = 'crm.config.list.mixin'
    _order = 'sequence, id'

    @api.multi
    def unlink(self):
        check_not_used_by_partners(self, 'customer_level_id')
        return super(CustomerLevel, self).unlink()
