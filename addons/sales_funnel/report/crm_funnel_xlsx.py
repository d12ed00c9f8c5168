from odoo import _, models
from odoo.addons.crm_lifecycle.report.xlsx_styles import xlsx_formats


class CrmFunnelXlsx(models.AbstractModel):
    """The funnel analysis as computed on screen, in one workbook: the funnel by stage and the
    salespeople against the company."""
    _name = 'report.sales_funnel.crm_funnel_analysis_xlsx'
    _inherit = 'report.report_xlsx.abstract'
    _description = 'Funnel Analysis Excel Export'

    def generate_xlsx_report(self, workbook, data, wizards):
        styles = xlsx_formats(workbook)
        bold, header, number, money = styles['bold'], styles['header'], styles['number'], styles['amount']
        for wizard in wizards:
            sheet = workbook.add_worksheet(_('Funnel'))
            filters = [(_('From'), wizard.date_from or ''), (_('To'), wizard.date_to or ''),
                       (_('Company'), wizard.company_id.name or ''), (_('Sales Team'), wizard.team_id.name or ''),
                       (_('Sales Method'), wizard.sales_method_id.name or ''),
                       (_('Salesperson'), wizard.user_id.name or '')]
            for row, (label, value) in enumerate(filters):
                sheet.write_string(row, 0, label, bold)
                sheet.write_string(row, 1, value)
            row = len(filters) + 1
            columns = [_('Stage'), _('# Opportunities'), _('Expected Revenue'), _('Promotion Rate (%)'),
                       _('Days in Stage'), _('# Lost Here')]
            for index, title in enumerate(columns):
                sheet.write_string(row, index, title, header)
            for line in wizard.stage_line_ids:
                row += 1
                sheet.write_string(row, 0, line.stage_id.name or '')
                sheet.write_number(row, 1, line.opportunity_count)
                sheet.write_number(row, 2, line.amount, money)
                sheet.write_number(row, 3, line.promotion_rate, number)
                sheet.write_number(row, 4, line.days_in_stage, number)
                sheet.write_number(row, 5, line.lost_count)
            row += 2
            sheet.write_string(row, 0, _('Most Opportunities Lost At'), bold)
            sheet.write_string(row, 1, wizard.most_lost_stage_id.name or '')
            sheet.set_column(0, 0, 24)
            sheet.set_column(1, 5, 16)
            self._write_salespeople(workbook.add_worksheet(_('Salespeople')), wizard, header, number, money)

    def _write_salespeople(self, sheet, wizard, header, number, money):
        columns = [_('Salesperson'), _('Days per Stage'), _('vs Company (days)'), _('Promotion Rate (%)'),
                   _('# Closed'), _('Win Rate (%)'), _('vs Company (points)'), _('Sales Cycle (days)'),
                   _('vs Company (days)'), _('Average Won Deal'), _('Sales Expenses'), _('ROI (%)')]
        for index, title in enumerate(columns):
            sheet.write_string(0, index, title, header)
        row = 0
        for line in wizard.user_line_ids:
            row += 1
            sheet.write_string(row, 0, line.user_id.name or '')
            for index, value in enumerate([line.stage_days, line.stage_days_vs_company, line.promotion_rate],
                                          1):
                sheet.write_number(row, index, value, number)
            sheet.write_number(row, 4, line.closed_count)
            for index, value in enumerate([line.win_rate, line.win_rate_vs_company, line.cycle_days,
                                           line.cycle_days_vs_company], 5):
                sheet.write_number(row, index, value, number)
            sheet.write_number(row, 9, line.won_deal_size, money)
            sheet.write_number(row, 10, line.cost, money)
            sheet.write_number(row, 11, line.roi, number)
        row += 1
        sheet.write_string(row, 0, _('Company Average'), header)
        sheet.write_number(row, 1, wizard.company_stage_days, number)
        sheet.write_number(row, 5, wizard.company_win_rate, number)
        sheet.write_number(row, 7, wizard.company_cycle_days, number)
        sheet.set_column(0, 0, 18)
        sheet.set_column(1, 11, 14)
