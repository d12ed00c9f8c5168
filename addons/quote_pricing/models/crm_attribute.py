from odoo import fields, models


class CrmAttribute(models.Model):
    """Custom attributes of crm_lifecycle, also for quotations (项目名称, 交货地点, 付款方式 …)."""
    _inherit = 'crm.attribute'

    applies_to = fields.Selection(selection_add=[('sale.order', 'Quotation')])
