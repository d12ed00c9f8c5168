import unittest

from odoo.exceptions import UserError, ValidationError
from odoo.tests.common import SavepointCase

from ..models.duplicate_normalize import normalize_company_name, normalize_email, normalize_phone
from .common import create_user

VALID_CODE = '91320102MA1XWH001W'
VALID_CODE_POOL = '91320102MA1XWH0020'


class TestDuplicateNormalize(unittest.TestCase):
    """The rules every comparison goes through (pure functions, no database)."""

    def test_company_names(self):
        table = [
            # suffixes of any company form compare equal
            ('南京金陵机电设备有限公司', '金陵机电设备'),
            ('南京金陵机电设备股份有限公司', '金陵机电设备'),
            ('金陵机电设备有限责任公司', '金陵机电设备'),
            ('华强电子集团有限公司', '华强电子'),
            # leading province / city, with or without 省 / 市, repeated
            ('广东省深圳市华强电子集团有限公司', '华强电子'),
            ('江苏南京金陵机电设备公司', '金陵机电设备'),
            ('黑龙江省哈尔滨市林海机械有限公司', '林海机械'),
            # the longest region form first; a city is kept when too little would remain after it
            ('广西壮族自治区南宁华贸有限公司', '南宁华贸'),
            # a region in the middle stays
            ('金陵机电设备（南京）有限公司', '金陵机电设备南京'),
            # too short once the region is gone: keep it, so 四川航空 and 海南航空 stay apart
            ('四川航空股份有限公司', '四川航空'),
            # full width, case, spaces and punctuation, Chinese and ASCII
            ('ＡＢＣ Trading Co., Ltd.', 'abctrading'),
            ('南京 金陵·机电-设备 （集团）有限公司', '金陵机电设备'),
            ('ABC Inc.', 'abc'),
            # an English form is stripped only as a word of its own
            ('Costco', 'costco'),
            ('', ''),
        ]
        for name, expected in table:
            self.assertEqual(normalize_company_name(name), expected, name)

    def test_phones_and_emails(self):
        table = [
            ('+86 25 5210 6688', '2552106688'),
            ('025-5210 6688', '2552106688'),
            ('0086 (25) 5210-6688', '2552106688'),
            ('＋８６ １３９ １２３４ ５６７８', '13912345678'),
            ('139-1234-5678', '13912345678'),
            ('8612 3456', '86123456'),   # a local number starting with 86 keeps it
            ('123', ''),                 # too short to compare
            (False, ''),
        ]
        for phone, expected in table:
            self.assertEqual(normalize_phone(phone), expected, phone)
        self.assertEqual(normalize_email(' Buyer@Example.CN '), 'buyer@example.cn')


class TestDuplicateEngine(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        salesman_groups = ['sales_team.group_sale_salesman', 'base.group_partner_manager']
        cls.salesperson = create_user(cls.env, 'test_dup_sales', '测试撞单销售', salesman_groups)
        cls.colleague = create_user(cls.env, 'test_dup_colleague', '测试撞单同事', salesman_groups)
        cls.company = cls.env.user.company_id
        cls.company.write({'duplicate_check_mode': 'block', 'duplicate_similarity_threshold': 0.5})
        Partner = cls.env['res.partner'].with_context(mail_create_nolog=True)
        cls.owned = Partner.create({
            'name': '南京测试玄武湖精密仪器有限公司', 'is_company': True, 'customer': True,
            'phone': '+86 25 8888 0001', 'user_id': cls.colleague.id, 'company_id': cls.company.id})
        cls.pooled = Partner.create({
            'name': '测试紫金山软件科技有限公司', 'is_company': True, 'customer': True,
            'unified_credit_code': VALID_CODE_POOL, 'company_id': cls.company.id})

    def _create(self, name, user=None, **values):
        values.update({'name': name, 'is_company': True, 'customer': True})
        # messages in English whatever the user's language, to check their wording
        return self.env['res.partner'].sudo(user or self.salesperson).with_context(lang='en_US').create(values)

    def test_credit_code_validated_and_compacted(self):
        with self.assertRaisesRegex(ValidationError, '91320102MA1XWH001X'), self.cr.savepoint():
            self._create('测试鼓楼贸易有限公司', unified_credit_code='91320102MA1XWH001X')  # wrong check character
        with self.assertRaisesRegex(ValidationError, '18'), self.cr.savepoint():
            self._create('测试鼓楼贸易有限公司', unified_credit_code='913201')
        partner = self._create('测试鼓楼贸易有限公司', unified_credit_code=' 91320102 ma1xwh001w ')
        self.assertEqual(partner.unified_credit_code, VALID_CODE)

    def test_same_name_with_other_form_and_region_is_blocked(self):
        with self.assertRaisesRegex(UserError, '测试撞单同事'), self.cr.savepoint():
            self._create('江苏省 测试玄武湖精密仪器（集团）股份有限公司')
        self.assertFalse(self.env['res.partner'].search([('name', 'like', '测试玄武湖精密仪器（集团）')]))

    def test_pool_customer_is_named_as_in_the_public_pool(self):
        with self.assertRaisesRegex(UserError, '测试紫金山软件科技有限公司.*public pool'), self.cr.savepoint():
            self._create('测试栖霞信息技术有限公司', unified_credit_code=VALID_CODE_POOL)

    def test_phone_match_is_blocked(self):
        with self.assertRaisesRegex(UserError, 'phone number.*测试撞单同事'), self.cr.savepoint():
            self._create('测试秦淮五金有限公司', mobile='025-8888 0001')

    def test_warn_mode_saves_with_a_note(self):
        self.company.duplicate_check_mode = 'warn'
        partner = self._create('测试玄武湖精密仪器股份公司')
        self.assertTrue(partner.exists())
        notes = partner.message_ids.filtered(lambda message: '测试撞单同事' in (message.body or ''))
        self.assertTrue(notes, 'the existing customer and its owner are noted on the new one')

    def test_fuzzy_names_listed_above_threshold_and_never_block(self):
        Partner = self.env['res.partner'].sudo(self.salesperson)
        matches = Partner.find_duplicates({'name': '测试玄武湖精密仪器制造有限公司'})
        self.assertEqual([(m['partner_id'], m['reason'], m['owner']) for m in matches],
                         [(self.owned.id, 'fuzzy_name', '测试撞单同事')])
        self.assertGreaterEqual(matches[0]['score'], 0.5)
        self.assertLess(matches[0]['score'], 1)
        self.assertFalse(Partner.find_duplicates({'name': '测试玄武湖旅游开发有限公司'}), 'similarity 0.33 < 0.5')
        self.company.duplicate_similarity_threshold = 0.9
        self.assertFalse(Partner.find_duplicates({'name': '测试玄武湖精密仪器制造有限公司'}))
        self.company.duplicate_similarity_threshold = 0.5
        self.assertTrue(self._create('测试玄武湖精密仪器制造有限公司').exists(), 'similar names only warn')

    def test_onchange_warns_with_candidates_and_scores(self):
        form = self.env['res.partner'].sudo(self.salesperson).new({
            'name': '测试玄武湖精密仪器制造', 'is_company': True, 'customer': True, 'company_id': self.company.id})
        warning = form._onchange_duplicate_customers()['warning']
        self.assertIn('南京测试玄武湖精密仪器有限公司', warning['message'])
        self.assertIn('测试撞单同事', warning['message'])
        self.assertRegex(warning['message'], r'\d+%')

    def test_blocked_without_read_access_to_the_colleagues_customer(self):
        # whatever the module's own rules say, this salesperson cannot read the colleague's customer
        self.env['ir.rule'].create({
            'name': 'test: hide the colleague customer', 'model_id': self.env.ref('base.model_res_partner').id,
            'domain_force': "[('id', '!=', %d)] if user.id == %d else [(1, '=', 1)]" % (
                self.owned.id, self.salesperson.id)})
        self.assertFalse(self.env['res.partner'].sudo(self.salesperson).search([('id', '=', self.owned.id)]))
        with self.assertRaisesRegex(UserError, '南京测试玄武湖精密仪器有限公司.*测试撞单同事'), self.cr.savepoint():
            self._create('测试玄武湖精密仪器有限责任公司')

    def test_renaming_into_a_duplicate_is_blocked(self):
        partner = self._create('测试雨花台建材有限公司', user_id=self.salesperson.id)
        with self.assertRaisesRegex(UserError, '测试紫金山软件科技有限公司'), self.cr.savepoint():
            partner.write({'name': '南京测试紫金山软件科技股份有限公司'})
        partner.invalidate_cache()
        self.assertEqual(partner.name, '测试雨花台建材有限公司')
        partner.write({'phone': '025 6666 0002'})  # writing other values of a unique customer is fine

    def test_engine_scope(self):
        Partner = self.env['res.partner'].sudo(self.salesperson)
        values = {'name': '测试玄武湖精密仪器有限公司', 'email': 'x@example.cn'}
        self.assertEqual([(m['partner_id'], m['reason'], m['score']) for m in Partner.find_duplicates(values)],
                         [(self.owned.id, 'name', 1.0)])
        self.assertFalse(Partner.find_duplicates(values, exclude_ids=self.owned.ids), 'never matches itself')
        other_company = self.env['res.company'].create({'name': '测试撞单其他公司'})
        self.assertFalse(Partner.find_duplicates(dict(values, company_id=other_company.id)),
                         "another company's customers are not compared")
        # a person (not a company) with the same name is not a customer duplicate
        person = self.env['res.partner'].create({'name': '测试紫金山软件科技', 'email': 'zijin@example.cn'})
        self.assertFalse([m for m in Partner.find_duplicates({'email': 'ZIJIN@example.cn '})
                          if m['partner_id'] == person.id])
        # the documented escape hatch for data migrations, run as the superuser; a user sending the same
        # context over RPC is still checked
        with self.assertRaises(UserError), self.cr.savepoint():
            self.env['res.partner'].sudo(self.salesperson).with_context(crm_skip_duplicate_check=True).create({
                'name': '测试玄武湖精密仪器有限公司', 'is_company': True, 'customer': True})
        migrated = self.env['res.partner'].with_context(crm_skip_duplicate_check=True).create({
            'name': '测试玄武湖精密仪器有限公司', 'is_company': True, 'customer': True})
        self.assertTrue(migrated.exists())
