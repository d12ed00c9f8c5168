from odoo import _, models
from odoo.addons.crm_lifecycle.report.xlsx_styles import xlsx_formats


class SalesPlanAttainmentXlsx(models.AbstractModel):
    """The attainment rows chosen in the list, as the user reads them (record rules apply), with their
    forecast to the end of the period: one sheet, one row per target."""
    _name = 'report.sales_team_mgmt.plan_attainment_xlsx'
    _inherit = 'report.report_xlsx.abstract'
    _description = 'Plan Attainment Excel Export'

    def _columns(self):
        """(title, value of a sales.plan.forecast row, kind) in the order of the sheet."""
        metrics = dict(self.env['sales.plan.forecast']._fields['metric']._description_selection(self.env))
        return [
            (_('Sales Plan'), lambda row: row.plan_id.name, 'text'),
            (_('Target'), lambda row: row.line_id.display_name, 'text'),
            (_('Metric'), lambda row: metrics.get(row.metric), 'text'),
            (_('Sales Team'), lambda row: row.team_id.name, 'text'),
            (_('Salesperson'), lambda row: row.user_id.name, 'text'),
            (_('Period Start'), lambda row: row.date_start, 'text'),
            (_('Period End'), lambda row: row.date_end, 'text'),
            (_('Target Amount'), lambda row: row.target, 'number'),
            (_('Actual'), lambda row: row.actual, 'number'),
            (_('Gap'), lambda row: row.gap, 'number'),
            (_('Progress (%)'), lambda row: row.progress, 'number'),
            (_('Still Expected'), lambda row: row.expected, 'number'),
            (_('Forecast'), lambda row: row.forecast, 'number'),
            (_('Forecast Gap'), lambda row: row.forecast_gap, 'number'),
            (_('Forecast Progress (%)'), lambda row: row.forecast_progress, 'number'),
        ]

    def generate_xlsx_report(self, workbook, data, rows):
        styles = xlsx_formats(workbook)
        header, number = styles['header'], styles['money']
        sheet = workbook.add_worksheet(_('Plan Attainment')[:31])
        columns = self._columns()
        sheet.set_column(0, len(columns) - 1, 16)
        for index, (title, _value, _kind) in enumerate(columns):
            sheet.write_string(0, index, title, header)
        # the same targets seen through the forecast view (same ids, same record rules)
        forecasts = self.env['sales.plan.forecast'].browse(rows.ids)
        for row_index, row in enumerate(forecasts, 1):
            for index, (_title, value, kind) in enumerate(columns):
                if kind == 'number':
                    sheet.write_number(row_index, index, value(row) or 0.0, number)
                else:
                    sheet.write_string(row_index, index, value(row) or '')
