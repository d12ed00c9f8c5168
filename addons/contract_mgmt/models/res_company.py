from odoo import fields, models


class ResCompany(models.Model):
    _inherit = 'res.company'

    loyalty_amount_per_point = fields.Float(
        'Amount per Loyalty Point', default=100.0,
        help='A payment collected on a contract earns the customer one loyalty point per this amount '
             '(company currency); 0 awards no points.')
    payment_plan_product_id = fields.Many2one(
        'product.product', string='Instalment Product', domain=[('type', '=', 'service')],
        help='The product invoiced for an instalment (its income account is used); the suite\'s '
             '"Contract Instalment" when empty.')
