from odoo import _, models
from odoo.addons.crm_lifecycle.report.xlsx_styles import write_header, write_labels, xlsx_formats


class AftersalesReturnReportXlsx(models.AbstractModel):
    """The return analysis (one sheet per dimension) and the return rate per product, as on screen."""
    _name = 'report.aftersales_returns.aftersales_return_report_xlsx'
    _inherit = 'report.report_xlsx.abstract'
    _description = 'Return Statistics Excel Export'

    def generate_xlsx_report(self, workbook, data, wizards):
        styles = xlsx_formats(workbook)
        sheets = [('reason_id', _('By Reason')), ('state', _('By Status')), ('product_id', _('By Product')),
                  ('partner_id', _('By Customer')), ('salesperson_id', _('By Salesperson')),
                  ('date:month', _('By Month'))]
        for wizard in wizards:
            for groupby, title in sheets:
                self._write_returns(workbook.add_worksheet(title), wizard, groupby, styles)
            self._write_rates(workbook.add_worksheet(_('Return Rate')), wizard, styles)

    def _write_filters(self, sheet, wizard, styles):
        filters = [(_('From'), wizard.date_from), (_('To'), wizard.date_to)]
        return write_labels(sheet, filters, styles)

    def _write_header(self, sheet, row, columns, styles):
        write_header(sheet, row, columns, styles, width=20)

    def _group_label(self, report, groupby, group):
        value = group[groupby]
        if groupby == 'state':
            return dict(report._fields['state']._description_selection(self.env)).get(value, '')
        if isinstance(value, (list, tuple)):
            return value[1]
        return value or ''

    def _write_returns(self, sheet, wizard, groupby, styles):
        Report = self.env['aftersales.return.report']
        row = self._write_filters(sheet, wizard, styles)
        field = groupby.split(':')[0]
        self._write_header(sheet, row, [
            Report._fields[field].get_description(self.env)['string'], _('# Return Requests'),
            _('Returned Quantity'), _('Return Amount')], styles)
        groups = Report.read_group(wizard._filter_domain(), [field, 'return_count', 'quantity', 'amount'],
                                   [groupby], orderby=groupby, lazy=False)
        for group in groups:
            row += 1
            sheet.write_string(row, 0, self._group_label(Report, groupby, group))
            sheet.write_number(row, 1, group['return_count'] or 0)
            sheet.write_number(row, 2, group['quantity'] or 0.0, styles['quantity'])
            sheet.write_number(row, 3, group['amount'] or 0.0, styles['money'])

    def _write_rates(self, sheet, wizard, styles):
        Report = self.env['aftersales.return.rate.report']
        row = self._write_filters(sheet, wizard, styles)
        self._write_header(sheet, row, [_('Product'), _('Delivered Quantity'), _('Returned Quantity'),
                                        _('Return Rate (%)')], styles)
        groups = Report.read_group(wizard._filter_domain(), ['product_id', 'delivered_qty', 'returned_qty',
                                                             'return_rate'], ['product_id'], lazy=False)
        for group in groups:
            if not group['returned_qty'] and not group['delivered_qty']:
                continue
            row += 1
            sheet.write_string(row, 0, group['product_id'] and group['product_id'][1] or '')
            sheet.write_number(row, 1, group['delivered_qty'] or 0.0, styles['quantity'])
            sheet.write_number(row, 2, group['returned_qty'] or 0.0, styles['quantity'])
            sheet.write_number(row, 3, group['return_rate'], styles['rate'])
