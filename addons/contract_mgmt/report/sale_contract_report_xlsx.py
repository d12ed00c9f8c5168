from odoo import _, models
from odoo.addons.crm_lifecycle.report.xlsx_styles import write_header, write_labels, xlsx_formats


class SaleContractReportXlsx(models.AbstractModel):
    """The three contract reports as on screen (the same SQL views, read as the user), one sheet each."""
    _name = 'report.contract_mgmt.sale_contract_report_xlsx'
    _inherit = 'report.report_xlsx.abstract'
    _description = 'Contract Reports Excel Export'

    def generate_xlsx_report(self, workbook, data, wizards):
        styles = xlsx_formats(workbook)
        for wizard in wizards:
            self._write_amounts(workbook.add_worksheet(_('Contract Amounts')), wizard, styles)
            self._write_collection(workbook.add_worksheet(_('Planned vs Collected')), wizard, styles)
            self._write_ageing(workbook.add_worksheet(_('Overdue Ageing')), wizard, styles)

    def _write_filters(self, sheet, wizard, styles):
        filters = [(_('From'), wizard.date_from), (_('To'), wizard.date_to),
                   (_('Sales Team'), wizard.team_id.name or ''), (_('Salesperson'), wizard.user_id.name or '')]
        return write_labels(sheet, filters, styles)

    def _write_header(self, sheet, row, columns, styles):
        write_header(sheet, row, columns, styles, width=18)

    def _write_amounts(self, sheet, wizard, styles):
        row = self._write_filters(sheet, wizard, styles)
        self._write_header(sheet, row, [_('Month'), _('Sales Team'), _('Salesperson'), _('# Contracts'),
                                        _('Contract Amount'), _('Expected Gross Margin')], styles)
        groups = self.env['sale.contract.amount.report'].read_group(
            wizard._filter_domain() + [('is_signed', '=', True)],
            ['date', 'team_id', 'user_id', 'contract_count', 'amount_total', 'margin_total'],
            ['date:month', 'team_id', 'user_id'],
            orderby='date:month', lazy=False)
        for group in groups:
            row += 1
            sheet.write_string(row, 0, group['date:month'] or '')
            sheet.write_string(row, 1, group['team_id'] and group['team_id'][1] or '')
            sheet.write_string(row, 2, group['user_id'] and group['user_id'][1] or '')
            sheet.write_number(row, 3, group['contract_count'])
            sheet.write_number(row, 4, group['amount_total'], styles['money'])
            sheet.write_number(row, 5, group['margin_total'], styles['money'])

    def _write_collection(self, sheet, wizard, styles):
        row = self._write_filters(sheet, wizard, styles)
        self._write_header(sheet, row, [_('Month'), _('Planned'), _('Collected'), _('Collection Rate (%)')], styles)
        Report = self.env['sale.contract.collection.report']
        fields = ['planned_amount', 'collected_amount', 'collection_rate']
        for group in Report.read_group(wizard._filter_domain(), ['date'] + fields, ['date:month'],
                                       orderby='date:month', lazy=False):
            row += 1
            sheet.write_string(row, 0, group['date:month'] or '')
            sheet.write_number(row, 1, group['planned_amount'], styles['money'])
            sheet.write_number(row, 2, group['collected_amount'], styles['money'])
            sheet.write_number(row, 3, group['collection_rate'], styles['rate'])
        total = Report.read_group(wizard._filter_domain(), fields, [], lazy=False)
        if total:
            row += 1
            sheet.write_string(row, 0, _('Total'), styles['header'])
            sheet.write_number(row, 1, total[0]['planned_amount'] or 0.0, styles['money'])
            sheet.write_number(row, 2, total[0]['collected_amount'] or 0.0, styles['money'])
            sheet.write_number(row, 3, total[0]['collection_rate'], styles['rate'])

    def _write_ageing(self, sheet, wizard, styles):
        row = self._write_filters(sheet, wizard, styles)
        buckets = ['amount_1_30', 'amount_31_60', 'amount_61_90', 'amount_over_90', 'amount_residual']
        Report = self.env['sale.payment.plan.ageing.report']
        self._write_header(sheet, row, [_('Customer'), _('Salesperson')] + [
            Report._fields[name].get_description(self.env)['string'] for name in buckets], styles)
        for group in Report.read_group(wizard._filter_domain(date_field=None), ['partner_id', 'user_id'] + buckets,
                                       ['partner_id', 'user_id'], orderby='partner_id', lazy=False):
            row += 1
            sheet.write_string(row, 0, group['partner_id'] and group['partner_id'][1] or '')
            sheet.write_string(row, 1, group['user_id'] and group['user_id'][1] or '')
            for index, name in enumerate(buckets, 2):
                sheet.write_number(row, index, group[name] or 0.0, styles['money'])
