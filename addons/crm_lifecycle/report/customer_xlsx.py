from odoo import _, models
from .xlsx_styles import xlsx_formats

from ..models.customer_xlsx_columns import export_columns


class CustomerXlsx(models.AbstractModel):
    """Selected customers as an .xlsx with the Chinese headers of the import template, plus the owner's
    name, the category name and whether the customer is in the public pool. The template columns hold
    what the import expects (category code, owner login), so the file can be imported back elsewhere."""
    _name = 'report.crm_lifecycle.customer_xlsx'
    _inherit = 'report.report_xlsx.abstract'
    _description = 'Customers Excel Export'

    def generate_xlsx_report(self, workbook, data, partners):
        sheet = workbook.add_worksheet(_('Customers'))
        header_format = xlsx_formats(workbook)['header']
        columns = export_columns()
        for index, column in enumerate(columns):
            sheet.write_string(0, index, column.header, header_format)
            sheet.set_column(index, index, 30 if column.key in ('name', 'street', 'comment') else 16)
        for row_index, partner in enumerate(partners, 1):
            for index, column in enumerate(columns):
                exporter = getattr(self, '_export_%s' % column.key, None)
                value = exporter(partner) if exporter else partner[column.key]
                sheet.write_string(row_index, index, value or '')
        sheet.freeze_panes(1, 0)

    def _export_customer_category(self, partner):
        return partner.customer_category_id.code

    def _export_customer_category_name(self, partner):
        return partner.customer_category_id.name

    def _export_state(self, partner):
        return partner.state_id.name

    def _export_owner(self, partner):
        return partner.user_id.login

    def _export_owner_name(self, partner):
        return partner.user_id.name

    def _export_in_public_pool(self, partner):
        return _('Yes') if partner.in_public_pool else _('No')
