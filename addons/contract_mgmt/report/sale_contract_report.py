import io
import logging

from odoo import api, models

_logger = logging.getLogger(__name__)

try:
    from PyPDF2 import PdfFileReader, PdfFileWriter
    from reportlab.pdfgen import canvas
except ImportError:  # pragma: no cover - required by Odoo itself
    _logger.debug('Cannot import PyPDF2 or reportlab')

CONTRACT_REPORT = 'contract_mgmt.report_sale_contract'


def stamp_page_numbers(pdf):
    """Write "n / total" at the foot of every page. Debian's wkhtmltopdf (unpatched Qt) prints no footer, so
    the page numbers of the printed contract are added to the PDF afterwards."""
    reader = PdfFileReader(io.BytesIO(pdf), strict=False)
    total = reader.getNumPages()
    writer = PdfFileWriter()
    for index in range(total):
        page = reader.getPage(index)
        width, height = float(page.mediaBox.getWidth()), float(page.mediaBox.getHeight())
        stamp = io.BytesIO()
        sheet = canvas.Canvas(stamp, pagesize=(width, height))
        sheet.setFont('Helvetica', 9)
        sheet.drawCentredString(width / 2.0, 16, '%d / %d' % (index + 1, total))
        sheet.save()
        page.mergePage(PdfFileReader(io.BytesIO(stamp.getvalue())).getPage(0))
        writer.addPage(page)
    result = io.BytesIO()
    writer.write(result)
    return result.getvalue()


class IrActionsReport(models.Model):
    _inherit = 'ir.actions.report'

    @api.multi
    def render_qweb_pdf(self, res_ids=None, data=None):
        result = super(IrActionsReport, self).render_qweb_pdf(res_ids, data=data)
        # (Odoo returns the bare HTML under a test cursor, a (content, format) pair otherwise)
        if self.report_name == CONTRACT_REPORT and isinstance(result, tuple) and result[1] == 'pdf':
            result = (stamp_page_numbers(result[0]), 'pdf')
        return result
