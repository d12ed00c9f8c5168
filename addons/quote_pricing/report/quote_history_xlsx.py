from odoo import _, fields, models
from odoo.addons.crm_lifecycle.report.xlsx_styles import xlsx_formats


class QuoteHistoryXlsx(models.AbstractModel):
    """Quote history rows as an .xlsx: the selected rows of the Quote History report."""
    _name = 'report.quote_pricing.quote_history_xlsx'
    _inherit = 'report.report_xlsx.abstract'
    _description = 'Quote History Excel Export'

    def _history_rows(self, records):
        return records

    def _local_date(self, value):
        if not value:
            return ''
        return fields.Date.to_string(fields.Datetime.context_timestamp(self, fields.Datetime.from_string(value)))

    def _columns(self):
        """(header, width, value of a history row, number format or None)."""
        kinds = dict(self.env['sale.quote.history.report']._fields['history_kind']._description_selection(self.env))
        states = dict(self.env['sale.quote.history.report']._fields['state']._description_selection(self.env))
        return [
            (_('Order Date'), 12, lambda row: self._local_date(row.date), None),
            (_('Order Reference'), 16, lambda row: row.name or '', None),
            (_('Quoted / Sold'), 10, lambda row: kinds.get(row.history_kind, ''), None),
            (_('Order Status'), 14, lambda row: states.get(row.state, ''), None),
            (_('Customer'), 30, lambda row: row.commercial_partner_id.display_name or '', None),
            (_('Product'), 30, lambda row: row.product_id.display_name or '', None),
            (_('Quantity'), 10, lambda row: row.product_qty, '#,##0.00'),
            (_('Unit of Measure'), 10, lambda row: row.product_uom.name or '', None),
            (_('Unit Price'), 12, lambda row: row.price_unit, '#,##0.00'),
            (_('Discount (%)'), 10, lambda row: row.discount, '0.00'),
            (_('Untaxed Amount'), 14, lambda row: row.price_subtotal, '#,##0.00'),
            (_('Company Currency'), 10, lambda row: row.company_currency_id.name or '', None),
            (_('Unit Price (Order Currency)'), 14, lambda row: row.order_price_unit, '#,##0.00'),
            (_('Order Currency'), 10, lambda row: row.currency_id.name or '', None),
            (_('Salesperson'), 14, lambda row: row.user_id.name or '', None),
            (_('Sales Team'), 14, lambda row: row.team_id.name or '', None),
        ]

    def generate_xlsx_report(self, workbook, data, records):
        sheet = workbook.add_worksheet(_('Quote History'))
        header_format = xlsx_formats(workbook)['header']
        number_formats = {}
        columns = self._columns()
        for index, (header, width, _value, number_format) in enumerate(columns):
            sheet.write_string(0, index, header, header_format)
            sheet.set_column(index, index, width)
            if number_format:
                number_formats[index] = workbook.add_format({'num_format': number_format})
        for row_index, row in enumerate(self._history_rows(records), 1):
            for index, (_header, _width, value, _number_format) in enumerate(columns):
                if index in number_formats:
                    sheet.write_number(row_index, index, value(row) or 0.0, number_formats[index])
                else:
                    sheet.write_string(row_index, index, value(row))
        sheet.freeze_panes(1, 0)
