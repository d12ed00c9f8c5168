from odoo import models


class CrmLeadExpenseType(models.Model):
    """A kind of sales expense (travel, entertainment, samples, tender fees …), kept by the sales
    manager under CRM ▸ Configuration."""
    _name = 'crm.lead.expense.type'
    _inherit = 'crm.config.list.mixin'
    _description = 'Sales Expense Type'
