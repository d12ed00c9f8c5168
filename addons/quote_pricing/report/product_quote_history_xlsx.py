from odoo import models


class ProductQuoteHistoryXlsx(models.AbstractModel):
    """The quote history of the selected products as an .xlsx: the rows the user may read (a salesperson
    his own quotations and orders, team leads all of their companies), latest first."""
    _name = 'report.quote_pricing.product_quote_history_xlsx'
    _inherit = 'report.quote_pricing.quote_history_xlsx'
    _description = 'Product Quote History Excel Export'

    def _history_rows(self, records):
        return self.env['sale.quote.history.report'].search(
            [('product_tmpl_id', 'in', records.ids)], order='product_tmpl_id, date desc, id desc')
