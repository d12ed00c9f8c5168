from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = 'res.config.settings'

    loyalty_amount_per_point = fields.Float(related='company_id.loyalty_amount_per_point')
    payment_plan_product_id = fields.Many2one(related='company_id.payment_plan_product_id')
