from odoo import _, models
from odoo.addons.crm_lifecycle.report.xlsx_styles import xlsx_formats

from .crm_competitor_monitoring import RECENT_DAYS, monitoring_values


class CrmCompetitorMonitoringXlsx(models.AbstractModel):
    """The monitoring report as an Excel workbook: one sheet per competitor."""
    _name = 'report.competitor.crm_competitor_monitoring_xlsx'
    _inherit = 'report.report_xlsx.abstract'
    _description = 'Competitor Monitoring (Excel)'

    def generate_xlsx_report(self, workbook, data, competitors):
        styles = xlsx_formats(workbook)
        title, bold, header, money = styles['title'], styles['bold'], styles['header'], styles['amount']
        values = monitoring_values(self.env, competitors)
        kinds = self.env['crm.competitor.swot']._fields['kind']._description_selection(self.env)
        statuses = dict(self.env['crm.lead.competitor']._fields['status']._description_selection(self.env))
        for competitor in competitors:
            # sheet names: at most 31 characters, unique
            sheet = workbook.add_worksheet('%s %d' % (competitor.name[:24], competitor.id))
            info = values[competitor.id]
            sheet.write_string(0, 0, competitor.name, title)
            row = 2
            for label, value in ((_('Category'), competitor.category_id.name or ''),
                                 (_('Threat Level'), dict(competitor._fields['threat_level']._description_selection(
                                     self.env)).get(competitor.threat_level, '')),
                                 (_('Main Products'), competitor.main_products or '')):
                sheet.write_string(row, 0, label, bold)
                sheet.write_string(row, 1, value)
                row += 1
            summary = info['summary']
            if summary:
                for label, value in ((_('Win Rate with It (%)'), summary.present_win_rate),
                                     (_('Win Rate without It (%)'), summary.absent_win_rate),
                                     (_('Amount Lost to It'), summary.amount_lost_to)):
                    sheet.write_string(row, 0, label, bold)
                    sheet.write_number(row, 1, value or 0.0, money)
                    row += 1
            row += 1
            for column, (kind, label) in enumerate(kinds):
                sheet.write_string(row, column, label, header)
                for offset, entry in enumerate(info['swot'][kind], 1):
                    sheet.write_string(row + offset, column, entry)
            row += 2 + max([len(entries) for entries in info['swot'].values()] + [0])
            sheet.write_string(row, 0, _('Intelligence of the Last %d Days') % RECENT_DAYS, bold)
            row += 1
            for column, label in enumerate([_('Date'), _('Source'), _('Summary'), _('Opportunity'), _('Reported By')]):
                sheet.write_string(row, column, label, header)
            sources = dict(self.env['crm.competitor.intelligence']._fields['source']._description_selection(self.env))
            for entry in info['intelligence']:
                row += 1
                for column, value in enumerate([entry.date, sources.get(entry.source, ''), entry.summary,
                                                entry.lead_id.name or '', entry.user_id.name]):
                    sheet.write_string(row, column, value or '')
            row += 2
            sheet.write_string(row, 0, _('Deals'), bold)
            row += 1
            for column, label in enumerate([_('Opportunity'), _('Customer'), _('Their Price'), _('Status')]):
                sheet.write_string(row, column, label, header)
            for line in info['deals']:
                row += 1
                sheet.write_string(row, 0, line.lead_id.name or '')
                sheet.write_string(row, 1, line.lead_id.partner_id.name or '')
                sheet.write_number(row, 2, line.bid_price, money)
                sheet.write_string(row, 3, statuses.get(line.status, ''))
            sheet.set_column(0, 0, 24)
            sheet.set_column(1, 4, 20)
