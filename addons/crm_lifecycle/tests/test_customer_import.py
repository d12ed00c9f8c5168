import base64
import datetime
import io
import os
import re
import zipfile
from unittest.mock import patch

import xlrd
import xlsxwriter
from stdnum.cn import uscc

from odoo.exceptions import UserError, ValidationError
from odoo.tests.common import SavepointCase

from ..models.customer_xlsx_columns import ERROR_HEADER, WARNING_HEADER, export_columns, template_columns, \
    template_header
from ..wizard import customer_import_wizard
from .common import create_user

HEADERS = [template_header(column) for column in template_columns()]


def credit_code(number):
    """A valid 统一社会信用代码 of the test series (its check character computed)."""
    base = '91320102MA1XWK%03d' % number
    return base + uscc.calc_check_digit(base)


def make_xlsx(rows, headers=HEADERS):
    """An .xlsx in memory: the header row, then ``rows`` (lists; dates and numbers written as such)."""
    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output, {'in_memory': True})
    sheet = workbook.add_worksheet()
    date_format = workbook.add_format({'num_format': 'yyyy-mm-dd'})
    for row_index, values in enumerate(([headers] if headers is not None else []) + list(rows)):
        for column_index, value in enumerate(values):
            if isinstance(value, datetime.date):
                sheet.write_datetime(row_index, column_index, datetime.datetime.combine(value, datetime.time()),
                                     date_format)
            elif isinstance(value, (int, float)):
                sheet.write_number(row_index, column_index, value)
            elif value:
                sheet.write_string(row_index, column_index, value)
    workbook.close()
    return output.getvalue()


def customer_row(name, code='', category='', phone='', mobile='', email='', state='', city='', street='',
                 owner='', comment=''):
    return [name, code, category, phone, mobile, email, state, city, street, owner, comment]


class TestCustomerImport(SavepointCase):
    """Import and export of customers as Excel files, by a sales manager and a salesperson."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.user.company_id
        cls.company.duplicate_check_mode = 'block'
        Category = cls.env['crm.customer.category']
        cls.category_key = Category.create({
            'name': '测试导入重点', 'code': 'TIMPA', 'max_customers_per_salesperson': 2, 'company_id': cls.company.id})
        cls.category_normal = Category.create({
            'name': '测试导入普通', 'code': 'TIMPB', 'max_customers_per_salesperson': 0, 'company_id': cls.company.id})
        salesman = ['sales_team.group_sale_salesman']
        cls.salesperson = create_user(cls.env, 'test_imp_sales', '测试导入销售', salesman)
        cls.colleague = create_user(cls.env, 'test_imp_colleague', '测试导入同事', salesman)
        cls.manager = create_user(cls.env, 'test_imp_manager', '测试导入总监', ['sales_team.group_sale_manager'])
        cls.employee = create_user(cls.env, 'test_imp_employee', '测试导入文员', [])
        # Chinese provinces come with l10n_cn; make sure the two of the tests are there without it too
        State, china = cls.env['res.country.state'], cls.env.ref('base.cn')
        for name, code in (('江苏省', 'JS'), ('浙江省', 'ZJ')):
            if not State.search([('country_id', '=', china.id), ('name', '=', name)]):
                State.create({'country_id': china.id, 'name': name, 'code': code})
        cls.jiangsu = State.search([('country_id', '=', china.id), ('name', '=', '江苏省')])
        Partner = cls.env['res.partner'].with_context(mail_create_nolog=True)
        cls.existing = Partner.create({
            'name': '测试导入已有精工机械有限公司', 'is_company': True, 'customer': True,
            'phone': '+86 25 8765 4321', 'user_id': cls.colleague.id, 'company_id': cls.company.id})
        cls.held_key = Partner.create({
            'name': '测试导入张家港冷链物流有限公司', 'is_company': True, 'customer': True,
            'user_id': cls.salesperson.id, 'customer_category_id': cls.category_key.id,
            'company_id': cls.company.id})

    def _wizard(self, user, content, filename='客户.xlsx'):
        return self.env['crm.customer.import.wizard'].sudo(user).with_context(lang='en_US').create({
            'import_file': base64.b64encode(content), 'import_filename': filename})

    def _import(self, user, content, filename='客户.xlsx'):
        wizard = self._wizard(user, content, filename)
        wizard.action_import()
        return wizard

    def _find(self, names):
        return self.env['res.partner'].with_context(active_test=False).search([('name', 'in', names)])

    def _result_sheet(self, wizard):
        self.assertTrue(wizard.result_file, 'the user gets his file back')
        return xlrd.open_workbook(file_contents=base64.b64decode(wizard.result_file)).sheet_by_index(0)

    def _partner_count(self):
        return self.env['res.partner'].with_context(active_test=False).search_count([])

    def test_valid_file_imports_all_rows(self):
        rows = [
            customer_row('测试导入江宁智能装备有限公司', credit_code(1), 'TIMPA', '025-5210 6601', '139 1234 0001',
                         'buyer1@jiangning-test.cn', '江苏省', '南京', '江宁区胜太路1号', 'test_imp_sales', '老客户介绍'),
            # category by name, phone typed as a number, province without 省, no owner: the public pool
            customer_row('测试导入滨江光电科技有限公司', credit_code(2), '测试导入普通', 2552106602, state='浙江',
                         city='杭州'),
            # category code in another case, owner login in another case
            customer_row('测试导入闵行流体控制有限公司', category='timpb', owner='TEST_IMP_COLLEAGUE'),
        ]
        wizard = self._import(self.manager, make_xlsx(rows))
        self.assertEqual(wizard.state, 'result')
        self.assertEqual((wizard.row_count, wizard.imported_count, wizard.error_row_count), (3, 3, 0))
        self.assertIn('3 customers imported', wizard.result_message)
        first, second, third = [self._find([row[0]]) for row in rows]
        self.assertEqual(wizard.imported_partner_ids, first | second | third)
        for partner in first | second | third:
            self.assertTrue(partner.is_company and partner.customer)
            self.assertEqual(partner.company_id, self.company)
        self.assertEqual(first.user_id, self.salesperson)
        self.assertEqual(first.customer_category_id, self.category_key)
        self.assertEqual(first.unified_credit_code, credit_code(1))
        self.assertEqual((first.phone, first.mobile, first.email), ('025-5210 6601', '139 1234 0001',
                                                                    'buyer1@jiangning-test.cn'))
        self.assertEqual((first.state_id.name, first.country_id, first.city, first.street, first.comment),
                         ('江苏省', self.env.ref('base.cn'), '南京', '江宁区胜太路1号', '老客户介绍'))
        self.assertTrue(second.in_public_pool)
        self.assertTrue(second.pool_entered_date)
        self.assertEqual(second.customer_category_id, self.category_normal)
        self.assertEqual(second.phone, '2552106602')
        self.assertEqual(second.state_id.name, '浙江省')
        self.assertEqual(third.user_id, self.colleague)
        self.assertEqual(third.customer_category_id, self.category_normal)

    def test_english_headers_are_accepted(self):
        content = make_xlsx([['测试导入栖霞港口机械有限公司', '025 5210 6603']], headers=['Customer Name', 'phone'])
        wizard = self._import(self.manager, content)
        self.assertEqual(wizard.imported_count, 1)
        self.assertEqual(self._find(['测试导入栖霞港口机械有限公司']).phone, '025 5210 6603')

    def test_one_bad_row_imports_nothing_and_returns_the_file_with_errors(self):
        bad_code = credit_code(3)[:-1] + ('1' if credit_code(3)[-1] != '1' else '2')
        rows = [
            customer_row('测试导入浦口新材料有限公司', credit_code(4), 'TIMPB'),                  # row 2: good
            customer_row('测试导入六合化工有限公司', bad_code),                                   # row 3
            customer_row('测试导入浦口新材料股份有限公司'),                                       # row 4: = row 2
            customer_row('测试导入溧水包装有限公司', phone='025 8765 4321'),                      # row 5: existing
            customer_row('测试导入高淳陶瓷有限公司', category='TIMPX'),                          # row 6
            customer_row('测试导入建邺会展服务有限公司', category='TIMPA', owner='test_imp_sales'),  # row 7: 2nd
            customer_row('测试导入鼓楼电子商务有限公司', category='TIMPA', owner='test_imp_sales'),  # row 8: 3rd
        ]
        count = self._partner_count()
        wizard = self._import(self.manager, make_xlsx(rows))
        self.assertEqual(self._partner_count(), count, 'nothing is imported, not even the good rows')
        self.assertFalse(self._find([row[0] for row in rows]))
        self.assertEqual((wizard.state, wizard.row_count, wizard.imported_count, wizard.error_row_count),
                         ('result', 7, 0, 5))
        self.assertIn('Nothing was imported', wizard.result_message)
        sheet = self._result_sheet(wizard)
        self.assertEqual(sheet.row_values(0)[:len(HEADERS)], HEADERS, 'the same file')
        error_column = sheet.row_values(0).index(ERROR_HEADER)
        self.assertEqual(error_column, len(HEADERS), 'the error column comes after the last one')
        errors = {row: sheet.cell_value(row - 1, error_column) for row in range(2, 9)}
        self.assertEqual(sheet.cell_value(2, 0), '测试导入六合化工有限公司')
        self.assertEqual(errors[2], '')
        self.assertIn('its check character (the last one) is wrong', errors[3])
        self.assertIn('Same company name as row 2 of this file', errors[4])
        self.assertIn('This customer already exists', errors[5])
        self.assertIn('测试导入已有精工机械有限公司 has the same phone number and is owned by 测试导入同事', errors[5])
        self.assertIn('Unknown customer category "TIMPX"', errors[6])
        self.assertIn('TIMPA (测试导入重点)', errors[6], 'the message lists the categories')
        self.assertEqual(errors[7], '', 'the salesperson may hold a second customer of the category')
        self.assertIn('测试导入销售 would hold 3 customers of category "测试导入重点"', errors[8])
        self.assertIn('Row 3:', wizard.result_message)
        # The checked file imported again (before correcting it): its error column is replaced, not repeated.
        again = self._import(self.manager, base64.b64decode(wizard.result_file))
        self.assertEqual((again.imported_count, again.error_row_count), (0, 5))
        self.assertEqual(self._result_sheet(again).row_values(0), HEADERS + [ERROR_HEADER])

    def test_format_errors_per_cell(self):
        rows = [
            customer_row('', phone='025 5210 6604'),
            customer_row('测试导入雨花软件有限公司', phone='abc-123', mobile='12345', email='not-an-email'),
            customer_row('测试导入六合农业科技有限公司', city=datetime.date(2024, 5, 1), state='火星省'),
            customer_row('测试导入秦淮文化传媒有限公司', owner='nobody_here'),
            customer_row('测试导入玄武数据有限公司', owner='test_imp_employee'),
        ]
        wizard = self._import(self.manager, make_xlsx(rows))
        self.assertEqual((wizard.imported_count, wizard.error_row_count), (0, 5))
        sheet = self._result_sheet(wizard)
        error_column = sheet.row_values(0).index(ERROR_HEADER)
        errors = [sheet.cell_value(row, error_column) for row in range(1, 6)]
        self.assertIn('客户名称* is required', errors[0])
        self.assertIn('电话: "abc-123" is not a phone number', errors[1])
        self.assertIn('手机: "12345" is not a phone number', errors[1])
        self.assertIn('邮箱: "not-an-email" is not an e-mail address', errors[1])
        self.assertIn('城市: expected text, but the cell holds a date', errors[2])
        self.assertIn('Unknown province "火星省"', errors[2])
        self.assertIn('there is no user with the login "nobody_here"', errors[3])
        self.assertIn('测试导入文员 is not a salesperson', errors[4])

    def test_warn_mode_imports_duplicates_with_warnings(self):
        self.company.duplicate_check_mode = 'warn'
        rows = [
            customer_row('测试导入溧水包装有限公司', phone='025 8765 4321'),
            customer_row('测试导入江北新区物流有限公司', phone='025 5210 6605'),
            customer_row('测试导入江北物流中心', mobile='+86 25 5210 6605'),
        ]
        wizard = self._import(self.manager, make_xlsx(rows))
        self.assertEqual((wizard.imported_count, wizard.error_row_count), (3, 0))
        self.assertEqual(len(self._find([row[0] for row in rows])), 3)
        self.assertGreaterEqual(wizard.warning_count, 2)
        self.assertIn('Row 2: Possible duplicate of an existing customer', wizard.result_message)
        sheet = self._result_sheet(wizard)
        warning_column = sheet.row_values(0).index(WARNING_HEADER)
        self.assertIn('测试导入已有精工机械有限公司', sheet.cell_value(1, warning_column))
        self.assertIn('Same phone number as row 3 of this file', sheet.cell_value(3, warning_column))

    def test_files_that_cannot_be_imported(self):
        not_xlsx_zip = io.BytesIO()
        with zipfile.ZipFile(not_xlsx_zip, 'w') as archive:
            archive.writestr('readme.txt', '这不是 Excel 文件')
        cases = [
            (make_xlsx([['测试导入坏表头有限公司', '1']], headers=['公司', '电话']), 'Unknown columns in the file: 公司'),
            (make_xlsx([['025 5210 6606']], headers=['电话']), 'Required columns are missing from the file: 客户名称*'),
            (make_xlsx([['测试导入重复表头有限公司', '测试']], headers=['客户名称', 'Customer Name']), 'appears twice'),
            (make_xlsx([['测试导入无表头有限公司', '多余的值']], headers=['客户名称', '']), 'column B (no header)'),
            (b'', 'is empty'),
            (make_xlsx([]), 'The file has no customers'),
            (make_xlsx([], headers=None), 'The file is empty'),
            ('客户名称,电话\n测试导入文本有限公司,123\n'.encode('utf-8'), 'is not an Excel .xlsx file'),
            (not_xlsx_zip.getvalue(), 'is not an Excel .xlsx file'),
            (os.urandom(10 * 1024 * 1024), 'is not an Excel .xlsx file'),
            (os.urandom(10 * 1024 * 1024 + 1), 'is too large'),
        ]
        count = self._partner_count()
        for content, message in cases:
            wizard = self._wizard(self.manager, content)
            with self.assertRaisesRegex(UserError, re.escape(message)), self.cr.savepoint():
                wizard.action_import()
        with patch.object(customer_import_wizard, 'MAX_ROWS', 2):
            wizard = self._wizard(self.manager, make_xlsx([customer_row('测试导入第%s有限公司' % n) for n in '一二三']))
            with self.assertRaisesRegex(UserError, 'more than 2 customer rows'), self.cr.savepoint():
                wizard.action_import()
        wizard = self.env['crm.customer.import.wizard'].sudo(self.manager).with_context(lang='en_US').create({})
        with self.assertRaisesRegex(UserError, 'Please choose the Excel file'), self.cr.savepoint():
            wizard.action_import()
        self.assertEqual(self._partner_count(), count)

    def test_salesperson_imports_for_himself_or_the_pool_only(self):
        own = customer_row('测试导入浦东精密模具有限公司', owner='test_imp_sales')
        pool = customer_row('测试导入松江纺织有限公司')
        colleague = customer_row('测试导入嘉定汽配有限公司', owner='test_imp_colleague')
        wizard = self._import(self.salesperson, make_xlsx([own, pool, colleague]))
        self.assertEqual((wizard.imported_count, wizard.error_row_count), (0, 1))
        self.assertFalse(self._find([own[0], pool[0], colleague[0]]))
        sheet = self._result_sheet(wizard)
        self.assertIn('only for yourself or for the public pool, not for 测试导入同事',
                      sheet.cell_value(3, sheet.row_values(0).index(ERROR_HEADER)))
        wizard = self._import(self.salesperson, make_xlsx([own, pool]))
        self.assertEqual(wizard.imported_count, 2)
        self.assertEqual(self._find([own[0]]).user_id, self.salesperson)
        self.assertTrue(self._find([pool[0]]).in_public_pool)

    def test_only_sales_roles_may_import(self):
        wizard = self._wizard(self.employee, make_xlsx([customer_row('测试导入无权限有限公司')]))
        with self.assertRaisesRegex(UserError, 'Only salespeople, team leads and sales managers'), self.cr.savepoint():
            wizard.action_import()
        self.assertFalse(self._find(['测试导入无权限有限公司']))

    def test_template_has_the_chinese_headers(self):
        wizard = self.env['crm.customer.import.wizard'].sudo(self.salesperson).with_context(lang='en_US').create({})
        action = wizard.action_download_template()
        self.assertEqual(action['type'], 'ir.actions.act_url')
        self.assertIn('field=template_file', action['url'])
        book = xlrd.open_workbook(file_contents=base64.b64decode(wizard.template_file))
        self.assertEqual(book.sheet_by_index(0).row_values(0), HEADERS)
        self.assertEqual(HEADERS[:3], ['客户名称*', '统一社会信用代码', '客户分类'])
        instructions = book.sheet_by_index(1)
        self.assertIn('TIMPA', instructions.col_values(0), 'the instructions list the categories')
        self.assertTrue(wizard.template_filename.endswith('.xlsx'))

    def test_imported_customers_are_complete(self):
        """Created all at once, the customers are what the form would save: found by the 撞单 check, named,
        in the pool or owned, with the lines of the attributes of their category."""
        Region = self.env['crm.customer.region']
        region = Region.search([('state_ids', 'in', self.jiangsu.ids), ('company_id', '=', self.company.id)]) \
            or Region.create({'name': '测试导入华东', 'state_ids': [(6, 0, self.jiangsu.ids)], 'company_id': self.company.id})
        attribute = self.env['crm.attribute'].create({
            'name': '测试导入行业', 'code': 'test_imp_industry', 'customer_category_ids': [(6, 0, self.category_key.ids)]})
        rows = [
            customer_row('测试导入雨花台精密铸造有限公司', credit_code(6), 'TIMPA', '025-5210 6611', owner='test_imp_sales'),
            customer_row('测试导入六合港务有限公司', email='port@liuhe-test.cn', state='江苏'),
        ]
        wizard = self._import(self.manager, make_xlsx(rows))
        self.assertEqual(wizard.imported_count, 2)
        owned, pool = self._find([rows[0][0]]), self._find([rows[1][0]])
        self.assertEqual((owned.display_name, owned.commercial_partner_id), (rows[0][0], owned))
        self.assertEqual(owned.user_id, self.salesperson)
        self.assertTrue(owned.owner_since_date)
        self.assertFalse(owned.in_public_pool)
        self.assertIn(attribute, owned.attribute_value_ids.mapped('attribute_id'))
        self.assertEqual(owned.attribute_value_ids.mapped('attribute_id'), owned._applicable_attributes())
        self.assertTrue(pool.in_public_pool and pool.pool_entered_date)
        self.assertEqual(pool.region_id, region)
        self.assertNotIn(attribute, pool.attribute_value_ids.mapped('attribute_id'), 'it is for another category')
        self.assertEqual(pool.attribute_value_ids.mapped('attribute_id'), pool._applicable_attributes())
        Partner = self.env['res.partner'].with_context(lang='en_US')
        found = Partner.find_duplicates({'name': '南京测试导入雨花台精密铸造股份有限公司', 'company_id': self.company.id})
        self.assertEqual([(match['partner_id'], match['reason']) for match in found][:1], [(owned.id, 'name')])
        found = Partner.find_duplicates({'phone': '+86 25 5210 6611', 'company_id': self.company.id})
        self.assertEqual([match['partner_id'] for match in found], owned.ids)
        # the holding cap counts them: the salesperson holds 2 of the 2 allowed
        with self.assertRaisesRegex(ValidationError, 'already holds 2 customers'), self.cr.savepoint():
            Partner.create({'name': '测试导入超额有限公司', 'is_company': True, 'customer': True,
                            'customer_category_id': self.category_key.id, 'user_id': self.salesperson.id})

    def test_required_attribute_refuses_the_file(self):
        self.env['crm.attribute'].create({
            'name': '测试导入必填行业', 'code': 'test_imp_required', 'required': True,
            'customer_category_ids': [(6, 0, self.category_normal.ids)]})
        rows = [
            customer_row('测试导入无分类有限公司'),
            customer_row('测试导入必填属性有限公司', category='TIMPB'),
        ]
        count = self._partner_count()
        wizard = self._import(self.manager, make_xlsx(rows))
        self.assertEqual((wizard.imported_count, wizard.error_row_count), (0, 1))
        self.assertEqual(self._partner_count(), count)
        self.assertIn('Row 3: 测试导入必填属性有限公司: please fill in the required attribute(s) "测试导入必填行业"',
                      wizard.result_message)

    def test_export_selected_customers(self):
        self.held_key.write({'unified_credit_code': credit_code(5), 'state_id': self.jiangsu.id})
        pool = self.env['res.partner'].create({'name': '测试导入导出公海有限公司', 'is_company': True, 'customer': True})
        report = self.env.ref('crm_lifecycle.customer_xlsx_report')
        self.assertEqual(report.report_type, 'xlsx')
        content, file_type = report.sudo(self.salesperson).with_context(lang='en_US').render(
            (self.held_key | pool).ids, {})
        self.assertEqual(file_type, 'xlsx')
        sheet = xlrd.open_workbook(file_contents=content).sheet_by_index(0)
        headers = sheet.row_values(0)
        self.assertEqual(headers, [column.header for column in export_columns()])
        self.assertEqual(headers[:2], ['客户名称', '统一社会信用代码'])
        rows = {values[0]: dict(zip(headers, values)) for values in map(sheet.row_values, range(1, sheet.nrows))}
        self.assertEqual(set(rows), {'测试导入张家港冷链物流有限公司', '测试导入导出公海有限公司'})
        held = rows['测试导入张家港冷链物流有限公司']
        self.assertEqual((held['统一社会信用代码'], held['客户分类'], held['分类名称'], held['省份']),
                         (credit_code(5), 'TIMPA', '测试导入重点', '江苏省'))
        self.assertEqual((held['负责人'], held['负责人姓名'], held['公海客户']), ('test_imp_sales', '测试导入销售', 'No'))
        self.assertEqual(rows['测试导入导出公海有限公司']['公海客户'], 'Yes')
        # The exported file is read back by the import: its extra columns are known, the customers exist.
        wizard = self._import(self.manager, content)
        self.assertEqual((wizard.imported_count, wizard.error_row_count), (0, 2))
