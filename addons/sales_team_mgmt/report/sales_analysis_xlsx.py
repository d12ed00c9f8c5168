from odoo import models
from odoo.addons.crm_lifecycle.report.xlsx_styles import xlsx_formats


class SalesAnalysisXlsx(models.AbstractModel):
    """The grid of "Export analysis to Excel": a title row, the headers, one row per group (read as the user)."""
    _name = 'report.sales_team_mgmt.sales_analysis_xlsx'
    _inherit = 'report.report_xlsx.abstract'
    _description = 'Sales Analysis Excel Export'

    def generate_xlsx_report(self, workbook, data, wizards):
        styles = xlsx_formats(workbook)
        bold, header, number = styles['bold'], styles['header'], styles['money']
        subjects = dict(wizards._fields['subject']._description_selection(self.env))
        for wizard in wizards:
            headers, rows = wizard._grid()
            title = subjects.get(wizard.subject, wizard.subject)
            if wizard.filter_id:
                title = '%s - %s' % (title, wizard.filter_id.name)
            sheet = workbook.add_worksheet(title[:31].replace('/', '-'))
            sheet.set_column(0, len(headers) - 1, 20)
            sheet.write_string(0, 0, title, bold)
            for column, text in enumerate(headers):
                sheet.write_string(2, column, text, header)
            for index, row in enumerate(rows, start=3):
                for column, value in enumerate(row):
                    if isinstance(value, (int, float)) and not isinstance(value, bool):
                        sheet.write_number(index, column, value, number)
                    else:
                        sheet.write_string(index, column, value)
