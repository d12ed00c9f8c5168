from odoo import fields, models


class SalesPlanLineSplitWizardShare(models.TransientModel):
    """One part of a top-down split: a period, or a team / salesperson / product, and its weight."""
    _name = 'sales.plan.line.split.wizard.share'
    _description = 'Split Share'
    _order = 'sequence, id'

    wizard_id = fields.Many2one('sales.plan.line.split.wizard', required=True, ondelete='cascade')
    sequence = fields.Integer(default=10)
    date_range_id = fields.Many2one('date.range', string='Period')
    team_id = fields.Many2one('crm.team', string='Sales Team')
    user_id = fields.Many2one('res.users', string='Salesperson')
    product_id = fields.Many2one('product.product', string='Product')
    product_categ_id = fields.Many2one('product.category', string='Product Category')
    weight = fields.Float(default=1.0, digits=(16, 2), help='Share of the target, relative to the other lines.')
