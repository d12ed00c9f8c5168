import base64
import io
import os
import re
import shutil
import subprocess
import tempfile
import unicodedata
from unittest.mock import patch

from PIL import Image

from odoo.tools import config

from .common import QuotePricingCase

WORDS_CN = '人民币壹万贰仟叁佰肆拾伍元陆角柒分'
WORDS_EN = 'Twelve thousand, three hundred and forty-five yuan and sixty-seven fen'


def _png_base64(color):
    stream = io.BytesIO()
    Image.new('RGB', (32, 32), color).save(stream, 'PNG')
    return base64.b64encode(stream.getvalue())


class TestQuotePrint(QuotePricingCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang='en_US'))
        cny = cls.env.ref('base.CNY')
        cny.active = True
        cls.pricelist = cls.env['product.pricelist'].create({'name': '测试人民币价目表', 'currency_id': cny.id})
        cls.customer.lang = 'zh_CN'
        cls.product.image = _png_base64((200, 30, 30))
        cls.report = cls.env.ref('quote_pricing.action_report_quotation')

    def _quotation(self, price_unit=1234.5, qty=10, **values):
        order = self._create_quotation(self.salesperson, price_unit)
        order.order_line.write({'product_uom_qty': qty})
        order.write(values)
        return order

    def _html(self, orders):
        html, _format = self.report.sudo(self.salesperson).render_qweb_html(orders.ids)
        return html.decode() if isinstance(html, bytes) else html

    def test_total_in_words(self):
        order = self._quotation(12345.67, 1)
        self.assertEqual(order.amount_total, 12345.67)
        self.assertEqual(order.quote_amount_in_words('zh_CN'), WORDS_CN)
        self.assertEqual(order.quote_amount_in_words('en_US'), WORDS_EN)
        order.order_line.write({'price_unit': 100})
        self.assertEqual(order.quote_amount_in_words('zh_CN'), '人民币壹佰元整')
        self.assertEqual(order.quote_amount_in_words('en_US'), 'One hundred yuan')
        order.order_line.write({'price_unit': 0.5})
        self.assertEqual(order.quote_amount_in_words('en_US'), 'Zero yuan and fifty fen')
        # the language of the print: the customer's (zh_CN here) unless chosen
        self.assertEqual(order._quote_print_lang_code(), 'zh_CN')
        order.quote_print_lang = 'en_US'
        self.assertEqual(order._quote_print_lang_code(), 'en_US')

    def test_print_button_prints_this_module_quotation(self):
        order = self._quotation()
        action = order.sudo(self.salesperson).print_quotation()
        self.assertEqual(action['report_name'], 'quote_pricing.report_quotation')
        self.assertEqual(order.state, 'sent', 'printing a draft marks it sent, as in Odoo')
        self.assertEqual(self.env.ref('sale.email_template_edi_sale').report_template, self.report,
                         'quotations sent by email attach the same print')

    def test_standard_template(self):
        order = self._quotation(quote_print_lang='zh_CN', payment_term_id=self.env.ref(
            'account.account_payment_term_15days').id, note='测试条款：款到发货', validity_date='2030-06-30')
        html = self._html(order)
        self.assertIn(self.env.user.company_id.name, html, 'the company block is in the page')
        self.assertIn('测试客户有限公司', html)
        self.assertIn(order.name, html)
        self.assertIn('class="o_quote_version">v1<', html)
        self.assertIn('o_quote_unit_price_column', html)
        self.assertIn('1,234.50', html)
        self.assertIn('12,345.00', html)
        self.assertIn('人民币壹万贰仟叁佰肆拾伍元整', html)
        self.assertIn('测试条款：款到发货', html)
        self.assertIn('2030', html)
        self.assertNotIn('o_quote_product_image', html)

    def test_without_unit_prices(self):
        order = self._quotation(quote_print_template='no_prices', quote_print_lang='en_US')
        order.order_line.write({'discount': 5})
        html = self._html(order)
        self.assertNotIn('o_quote_unit_price_column', html)
        self.assertNotIn('1,234.50', html, 'no unit price')
        self.assertNotIn('Disc. (%)', html)
        self.assertIn('11,727.75', html, 'the line amount and the total are printed')
        self.assertIn('Eleven thousand, seven hundred and twenty-seven yuan and seventy-five fen', html)
        order.quote_print_template = 'standard'
        self.assertIn('1,234.50', self._html(order), 'the standard template has the unit price')

    def test_with_product_images(self):
        order = self._quotation(quote_print_template='images')
        html = self._html(order)
        self.assertIn('o_quote_image_column', html)
        self.assertRegex(html, r'<img class="o_quote_product_image"[^>]* src="data:image/png;base64,[A-Za-z0-9+/]{20,}')

    def test_several_quotations_in_one_flow_each_in_its_language(self):
        chinese = self._quotation(12345.67, 1)
        english = self._quotation(12345.67, 1, quote_print_lang='en_US')
        html = self._html(chinese | english)
        self.assertEqual(html.count('class="article"'), 1, "Debian's wkhtmltopdf fails on several documents")
        self.assertEqual(html.count('o_quote_print '), 2)
        self.assertIn(WORDS_CN, html)
        self.assertIn(WORDS_EN, html)
        self.assertIn('page-break-before: always', html)

    def test_pdf_renders_chinese(self):
        """The PDF embeds a CJK font, holds the Chinese text and its first page is not blank."""
        order = self._quotation(12345.67, 1, quote_print_lang='zh_CN', note='测试备注：质保十二个月')
        # wkhtmltopdf must not fetch the report styles from a server that cannot see this transaction
        self.env['ir.config_parameter'].set_param('report.url', 'http://127.0.0.1:9')
        tmpdir = tempfile.mkdtemp(prefix='quote_print_test_')
        self.addCleanup(shutil.rmtree, tmpdir)
        # Odoo renders HTML instead of PDF in tests unless a test report directory is set
        with patch.dict(config.options, {'test_report_directory': tmpdir}):
            pdf, report_format = self.report.sudo(self.salesperson).render_qweb_pdf(order.ids)
        self.assertEqual(report_format, 'pdf')
        self.assertTrue(pdf.startswith(b'%PDF'))
        self.assertRegex(pdf, rb'/BaseFont\s*/([A-Z]{6}\+)?NotoSansCJKsc', 'Chinese needs a CJK font (fonts-noto-cjk)')
        pdf_path = os.path.join(tmpdir, 'quotation.pdf')
        with open(pdf_path, 'wb') as pdf_file:
            pdf_file.write(pdf)
        if not shutil.which('pdftotext') or not shutil.which('pdftoppm'):
            self.skipTest('poppler-utils (pdftotext, pdftoppm) is not installed: the PDF text and page image '
                          'are not checked')
        # pdftotext maps some glyphs of Noto CJK to look-alike radicals (⼈ for 人, ⺠ for 民, ⻆ for 角, ⼾ for 户);
        # NFKC folds only some of them back: the texts are checked on characters without such look-alikes.
        text = unicodedata.normalize('NFKC', subprocess.check_output(['pdftotext', pdf_path, '-']).decode())
        text = re.sub(r'\s', '', text)
        self.assertIn('测试变频器', text)
        self.assertIn('币壹万贰仟叁佰肆拾伍元陆', text)
        self.assertIn('质保十二个月', text)
        subprocess.check_call(['pdftoppm', '-png', '-r', '40', '-f', '1', '-l', '1', pdf_path,
                               os.path.join(tmpdir, 'page')])
        png = [name for name in os.listdir(tmpdir) if name.endswith('.png')]
        self.assertEqual(len(png), 1)
        page = Image.open(os.path.join(tmpdir, png[0])).convert('L')
        dark = sum(1 for pixel in page.getdata() if pixel < 128)
        self.assertGreater(dark / float(page.width * page.height), 0.005, 'page 1 is blank')
