import os
import re
import shutil
import subprocess
import tempfile
import unicodedata
from unittest.mock import patch

from PIL import Image

from odoo.exceptions import AccessError, UserError
from odoo.tools import config

from .common import ContractCase


class TestContractPrint(ContractCase):

    @classmethod
    def setUpClass(cls):
        super(TestContractPrint, cls).setUpClass()
        cls.report = cls.env.ref('contract_mgmt.action_report_sale_contract')
        cls.template = cls.env['sale.contract.template'].create({
            'name': '测试打印模板',
            'heading': '测试工业品买卖合同',
            'clause_ids': [
                (0, 0, {'sequence': 1, 'title': '合同价款',
                        'body': '<p>合同总价款为{{合同金额}}，大写{{大写金额}}。</p>'}),
                (0, 0, {'sequence': 2, 'title': '质量保证', 'body': '<p>质保期为验收合格之日起十二个月。</p>'}),
            ],
        })
        cls.customer.write({'city': '苏州市', 'street': '工业园区星湖街88号'})

    def _contract(self, **values):
        values.setdefault('currency_id', self.env.ref('base.CNY').id)
        values.setdefault('template_id', self.template.id)
        values.setdefault('customer_signer_id', self.customer_contact.id)
        return self._draft_contract(amount_total=12345.67, **values)

    def _html(self, contracts, user=None):
        html, _format = self.report.sudo(user or self.salesperson).render_qweb_html(contracts.ids)
        return html.decode() if isinstance(html, bytes) else html

    def test_print_button(self):
        contract = self._contract()
        action = contract.sudo(self.salesperson).action_print_contract()
        self.assertEqual(action['report_name'], 'contract_mgmt.report_sale_contract')

    def test_printed_contract_from_template(self):
        contract = self._contract()
        html = self._html(contract)
        self.assertIn('测试工业品买卖合同', html, 'the heading of the template')
        self.assertIn(contract.name, html)
        company = contract.company_id
        self.assertGreaterEqual(html.count(company.name), 2, 'company block, parties and signatures')
        self.assertIn('工业园区星湖街88号', html, "the customer's address in the parties block")
        self.assertIn('周经理', html, 'the customer signer')
        self.assertIn('测试销售员', html, 'our signer')
        self.assertRegex(html, r'第一条\s*合同价款|Article 一\s*合同价款')
        self.assertIn('合同总价款为¥ 12,345.67', html.replace('&nbsp;', ' ').replace('\xa0', ' '))
        self.assertIn('人民币壹万贰仟叁佰肆拾伍元陆角柒分', html)
        self.assertIn('质保期为验收合格之日起十二个月', html)
        self.assertEqual(html.count('o_contract_stamp_box'), 2, 'a stamp box for each party')
        self.assertNotIn('{{', html)

    def test_contract_without_template_prints_its_terms(self):
        contract = self._contract(template_id=False, terms='<p>测试条款：款到发货</p>')
        html = self._html(contract)
        self.assertIn('测试条款：款到发货', html)
        self.assertNotIn('o_contract_clause"', html)

    def test_several_contracts_in_one_article(self):
        contracts = self._contract() | self._contract(template_id=False, terms='<p>第二份合同条款</p>')
        html = self._html(contracts)
        self.assertEqual(html.count('class="article"'), 1, "Debian's wkhtmltopdf fails on several documents")
        self.assertEqual(html.count('o_contract_print"'), 2)
        self.assertIn('page-break-before: always', html)
        self.assertIn('第二份合同条款', html)

    def test_colleague_cannot_print_a_contract_he_cannot_read(self):
        contract = self._contract()
        with self.assertRaises(AccessError):
            self._html(contract, user=self.colleague)

    def test_pdf_renders_chinese_with_page_numbers(self):
        contract = self._contract()
        self.env['ir.config_parameter'].set_param('report.url', 'http://127.0.0.1:9')
        tmpdir = tempfile.mkdtemp(prefix='contract_print_test_')
        self.addCleanup(shutil.rmtree, tmpdir)
        with patch.dict(config.options, {'test_report_directory': tmpdir}):
            pdf, report_format = self.report.sudo(self.salesperson).render_qweb_pdf(contract.ids)
        self.assertEqual(report_format, 'pdf')
        self.assertTrue(pdf.startswith(b'%PDF'))
        self.assertRegex(pdf, rb'/BaseFont\s*/([A-Z]{6}\+)?NotoSansCJKsc', 'Chinese needs a CJK font')
        pdf_path = os.path.join(tmpdir, 'contract.pdf')
        with open(pdf_path, 'wb') as pdf_file:
            pdf_file.write(pdf)
        if not shutil.which('pdftotext') or not shutil.which('pdftoppm'):
            self.skipTest('poppler-utils is not installed: the PDF text and page image are not checked')
        raw_text = subprocess.check_output(['pdftotext', '-layout', pdf_path, '-']).decode()
        # pdftotext maps some Noto CJK glyphs to look-alike radicals: check characters without such look-alikes
        text = re.sub(r'\s', '', unicodedata.normalize('NFKC', raw_text))
        self.assertIn('测试工业品买卖合同', text)
        self.assertIn('质保期为验收合格之日起十二个月', text)
        self.assertIn('币壹万贰仟叁佰肆拾伍元陆', text)
        pages = int(re.search(r'Pages:\s+(\d+)', subprocess.check_output(['pdfinfo', pdf_path]).decode()).group(1))
        self.assertRegex(raw_text, r'\b1\s*/\s*%d\b' % pages, 'page numbers at the foot of the pages')
        subprocess.check_call(['pdftoppm', '-png', '-r', '40', '-f', '1', '-l', '1', pdf_path,
                               os.path.join(tmpdir, 'page')])
        png = [name for name in os.listdir(tmpdir) if name.endswith('.png')]
        page = Image.open(os.path.join(tmpdir, png[0])).convert('L')
        dark = sum(1 for pixel in page.getdata() if pixel < 128)
        self.assertGreater(dark / float(page.width * page.height), 0.005, 'page 1 is blank')

    def test_signed_contract_prints_the_clauses_as_signed(self):
        contract = self._contract()
        contract.action_submit()
        contract.sudo(self.manager).action_approve()
        contract.sudo(self.salesperson).action_sign()
        self.assertIn('质保期为验收合格之日起十二个月', contract.signed_clauses)
        self.assertIn('人民币壹万贰仟叁佰肆拾伍元陆角柒分', contract.signed_clauses)
        self.template.clause_ids[1].write({'body': '<p>质保期改为六个月。</p>'})
        html = self._html(contract)
        self.assertIn('质保期为验收合格之日起十二个月', html, 'the text that was signed')
        self.assertNotIn('质保期改为六个月', html)
        self.assertIn('质保期改为六个月', self._html(self._contract()), 'a new contract prints the new text')

    def test_clauses_as_signed_are_not_written_by_users(self):
        contract = self._contract()
        for user in (self.salesperson, self.manager):
            with self.assertRaises(UserError), self.cr.savepoint():
                contract.sudo(user).write({'signed_clauses': '<script>alert(1)</script>'})
        with self.assertRaises(UserError), self.cr.savepoint():
            self._draft_contract(signed_clauses='<p>伪造条款</p>')
        contract.invalidate_cache()
        self.assertFalse(contract.signed_clauses)

    def test_lines_table_and_our_signer(self):
        product = self.env['product.product'].create({'name': '测试变频器7.5kW', 'type': 'consu', 'list_price': 3900,
                                                      'taxes_id': [(6, 0, [])]})
        lines = [(0, 0, {'product_id': product.id, 'name': '测试变频器7.5kW 第%d批' % index, 'product_uom_qty': 2,
                         'product_uom': product.uom_id.id, 'price_unit': 3900, 'tax_ids': [(6, 0, [])]})
                 for index in range(1, 41)]
        contract = self._draft_contract(
            currency_id=self.env.ref('base.CNY').id, template_id=self.template.id, our_signer_id=self.manager.id,
            line_ids=lines)
        self.assertEqual(contract.amount_total, 40 * 7800)
        html = self._html(contract)
        self.assertEqual(html.count('class="o_contract_lines"'), 1, 'the template has no {{明细}}: printed once')
        self.assertIn('测试变频器7.5kW 第40批', html)
        self.assertIn('312,000.00', html)
        self.assertIn('人民币叁拾壹万贰仟元整', html)
        self.assertIn('测试经理', html, 'our signer')
        self.template.clause_ids[0].write({'body': '<p>明细如下：{{明细}}</p>'})
        html = self._html(contract)
        self.assertEqual(html.count('class="o_contract_lines"'), 1, 'in the clause only')
        self.assertRegex(html, r'明细如下：<table class="o_contract_lines"')
        # forty lines take more than one page: numbered "n / total"
        self.env['ir.config_parameter'].set_param('report.url', 'http://127.0.0.1:9')
        tmpdir = tempfile.mkdtemp(prefix='contract_print_test_')
        self.addCleanup(shutil.rmtree, tmpdir)
        with patch.dict(config.options, {'test_report_directory': tmpdir}):
            pdf, _format = self.report.sudo(self.salesperson).render_qweb_pdf(contract.ids)
        pdf_path = os.path.join(tmpdir, 'contract.pdf')
        with open(pdf_path, 'wb') as pdf_file:
            pdf_file.write(pdf)
        if not shutil.which('pdftotext'):
            self.skipTest('poppler-utils is not installed')
        pages = int(re.search(r'Pages:\s+(\d+)', subprocess.check_output(['pdfinfo', pdf_path]).decode()).group(1))
        self.assertGreater(pages, 1)
        text = subprocess.check_output(['pdftotext', '-layout', pdf_path, '-']).decode()
        for page in range(1, pages + 1):
            self.assertRegex(text, r'\b%d\s*/\s*%d\b' % (page, pages))
