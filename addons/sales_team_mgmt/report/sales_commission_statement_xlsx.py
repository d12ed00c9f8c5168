from odoo import _, models
from odoo.addons.crm_lifecycle.report.xlsx_styles import xlsx_formats


class SalesCommissionStatementXlsx(models.AbstractModel):
    """Commission statements as on screen (read as the user), one sheet each: totals, tiers, lines."""
    _name = 'report.sales_team_mgmt.commission_statement_xlsx'
    _inherit = 'report.report_xlsx.abstract'
    _description = 'Commission Statement Excel Export'

    def generate_xlsx_report(self, workbook, data, statements):
        styles = xlsx_formats(workbook)
        bold, header, money = styles['bold'], styles['header'], styles['money']
        states = dict(statements._fields['state']._description_selection(self.env))
        for statement in statements:
            sheet = workbook.add_worksheet(('%s %s' % (statement.user_id.name, statement.date_from))[:31])
            sheet.set_column(0, 6, 18)
            totals = [(_('Salesperson'), statement.user_id.name), (_('From'), statement.date_from),
                      (_('To'), statement.date_to), (_('State'), states.get(statement.state)),
                      (_('Target'), statement.target_amount), (_('Commission Base'), statement.base_amount),
                      (_('Attainment (%)'), statement.attainment), (_('Commission'), statement.commission_amount),
                      (_('Paid'), statement.paid_amount), (_('Pending'), statement.pending_amount)]
            for row, (label, value) in enumerate(totals):
                sheet.write_string(row, 0, label, bold)
                if isinstance(value, float):
                    sheet.write_number(row, 1, value, money)
                else:
                    sheet.write_string(row, 1, value or '')
            row = len(totals) + 1
            sheet.write_string(row, 0, _('By Tier'), bold)
            for line in (statement.tier_summary or '').splitlines():
                row += 1
                sheet.write_string(row, 0, line)
            row += 2
            columns = [_('Date'), _('Invoice'), _('Payment'), _('Rule'), _('Collected'), _('Commission Base')]
            for index, title in enumerate(columns):
                sheet.write_string(row, index, title, header)
            for line in statement.period_line_ids:
                row += 1
                sheet.write_string(row, 0, line.date or '')
                sheet.write_string(row, 1, line.invoice_id.number or '')
                sheet.write_string(row, 2, line.payment_id.name or '')
                sheet.write_string(row, 3, line.rule_id.sudo().name or '')   # accountants do not read rules
                sheet.write_number(row, 4, line.collected_amount, money)
                sheet.write_number(row, 5, line.base_amount, money)
