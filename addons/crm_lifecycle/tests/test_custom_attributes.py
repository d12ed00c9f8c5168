from contextlib import contextmanager

import psycopg2

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests.common import SavepointCase
from odoo.tools import mute_logger

from .common import create_user


class TestCustomAttributes(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang='en_US'))
        salesman_groups = ['sales_team.group_sale_salesman', 'base.group_partner_manager']
        cls.salesperson = create_user(cls.env, 'test_attribute_sales', '测试属性销售员', salesman_groups)
        cls.colleague = create_user(cls.env, 'test_attribute_colleague', '测试属性同事', salesman_groups)
        cls.manager = create_user(cls.env, 'test_attribute_manager', '测试属性总监',
                                  ['sales_team.group_sale_manager', 'base.group_partner_manager'])
        Category = cls.env['crm.customer.category']
        cls.category_key = Category.create({'name': '测试重点', 'code': 'TATTR-KEY'})
        cls.category_other = Category.create({'name': '测试一般', 'code': 'TATTR-OTHER'})
        Attribute = cls.env['crm.attribute'].sudo(cls.manager)
        cls.purchase = Attribute.create({'name': 'Test Annual Purchases', 'code': 'test_purchase',
                                         'field_type': 'number'})
        cls.industry = Attribute.create({
            'name': 'Test Industry', 'code': 'test_industry', 'field_type': 'selection',
            'option_ids': [(0, 0, {'name': '测试机械制造'}), (0, 0, {'name': '测试电子电器'})]})
        cls.region = Attribute.create({
            'name': 'Test Sales Region', 'code': 'test_region', 'field_type': 'selection',
            'option_ids': [(0, 0, {'name': '测试华东'})]})
        cls.first_deal = Attribute.create({'name': 'Test First Deal', 'code': 'test_first_deal',
                                           'field_type': 'date'})
        cls.payment_habit = Attribute.create({'name': 'Test Payment Habit', 'code': 'test_payment_habit',
                                              'field_type': 'text'})
        cls.machinery, cls.electronics = cls.industry.option_ids
        cls.east = cls.region.option_ids

    def _create_customer(self, name, category=None, user=None, **values):
        user = user or self.salesperson
        vals = {'name': name, 'is_company': True, 'customer': True, 'user_id': user.id,
                'customer_category_id': category.id if category else False}
        vals.update(values)
        return self.env['res.partner'].sudo(user).create(vals)

    @contextmanager
    def _refused(self, exception, regex='.*'):
        """The block is refused and changes nothing (the cache forgets what the database rolled back)."""
        with self.assertRaisesRegex(exception, regex), self.cr.savepoint():
            yield
        self.env.cache.invalidate()

    def _line(self, partner, attribute):
        return partner.attribute_value_ids.filtered(lambda line: line.attribute_id == attribute)

    def test_customer_gets_a_line_per_applicable_attribute(self):
        self.payment_habit.sudo(self.manager).customer_category_ids = self.category_key
        key_customer = self._create_customer('测试属性甲机电有限公司', self.category_key)
        other_customer = self._create_customer('测试属性乙贸易有限公司', self.category_other)
        ours = self.purchase | self.industry | self.region | self.first_deal | self.payment_habit
        self.assertEqual(key_customer.attribute_value_ids.mapped('attribute_id') & ours, ours)
        self.assertEqual(other_customer.attribute_value_ids.mapped('attribute_id') & ours, ours - self.payment_habit,
                         'an attribute of category 测试重点 only does not apply to other categories')
        person = self.env['res.partner'].create({'name': '孙个人'})
        self.assertFalse(person.attribute_value_ids, 'people and non-customers carry no attributes')
        # a new attribute reaches the existing customers it applies to
        size = self.env['crm.attribute'].sudo(self.manager).create({
            'name': 'Test Staff', 'code': 'test_staff', 'field_type': 'number',
            'customer_category_ids': [(6, 0, self.category_other.ids)]})
        self.assertTrue(self._line(other_customer, size))
        self.assertFalse(self._line(key_customer, size))
        # the form adds the lines of the attributes of a newly chosen category
        form = self.env['res.partner'].new({
            'name': '新客户', 'is_company': True, 'customer': True, 'customer_category_id': self.category_other.id})
        form._onchange_attribute_lines()
        self.assertIn(size, form.attribute_value_ids.mapped('attribute_id'))

    def test_values_must_match_the_attribute_type(self):
        customer = self._create_customer('测试属性丙电子有限公司')
        lines = customer.sudo(self.salesperson).attribute_value_ids
        purchase_line = lines.filtered(lambda line: line.attribute_id == self.purchase)
        habit_line = lines.filtered(lambda line: line.attribute_id == self.payment_habit)
        with self._refused(ValidationError, 'Test Annual Purchases.*type Number'):
            purchase_line.write({'value_text': '五百万'})
        with self._refused(ValidationError, 'type Text'):
            habit_line.write({'value_option_id': self.machinery.id})
        with self._refused(ValidationError, 'type Date'):
            self._line(customer, self.first_deal).sudo(self.salesperson).write({'value_number': 3})
        purchase_line.write({'value_number': 5000000})
        habit_line.write({'value_text': ' 月结60天 '})
        self._line(customer, self.first_deal).sudo(self.salesperson).write({'value_date': '2019-03-01'})
        self._line(customer, self.industry).sudo(self.salesperson).write({'value_option_id': self.machinery.id})
        displayed = {line.attribute_id: line.value_display for line in customer.attribute_value_ids}
        self.assertEqual(
            [displayed[a] for a in (self.purchase, self.payment_habit, self.first_deal, self.industry, self.region)],
            ['5000000', '月结60天', '2019-03-01', '测试机械制造', False])
        purchase_line.write({'value_number': 12.5})
        self.assertEqual(purchase_line.value_display, '12.5')

    def test_option_of_another_attribute_is_refused(self):
        customer = self._create_customer('测试属性丁五金有限公司')
        line = self._line(customer, self.industry).sudo(self.salesperson)
        with self._refused(ValidationError, '测试华东.*not an option of the attribute "Test Industry"'):
            line.write({'value_option_id': self.east.id})
        self.assertFalse(line.value_option_id)

    def test_one_line_per_attribute_and_customer(self):
        customer = self._create_customer('测试属性戊物流有限公司')
        with self.assertRaises(psycopg2.IntegrityError), mute_logger('odoo.sql_db'), self.cr.savepoint():
            customer.sudo(self.salesperson).write({'attribute_value_ids': [
                (0, 0, {'attribute_id': self.payment_habit.id, 'value_text': '现款'})]})

    def test_required_attribute_blocks_customers_of_its_category(self):
        self.industry.sudo(self.manager).write({'required': True,
                                                'customer_category_ids': [(6, 0, self.category_key.ids)]})
        Partner = self.env['res.partner'].sudo(self.salesperson)
        with self._refused(ValidationError, 'required attribute.*"Test Industry"'):
            self._create_customer('测试属性己精密有限公司', self.category_key)
        self.assertFalse(Partner.search([('name', '=', '测试属性己精密有限公司')]))
        customer = self._create_customer('测试属性己精密有限公司', self.category_key, attribute_value_ids=[
            (0, 0, {'attribute_id': self.industry.id, 'value_option_id': self.electronics.id})])
        self.assertEqual(self._line(customer, self.industry).value_display, '测试电子电器')
        line = self._line(customer, self.industry).sudo(self.salesperson)
        with self._refused(ValidationError, 'Test Industry'):
            line.write({'value_option_id': False})
        with self._refused(ValidationError, 'Test Industry'):
            line.unlink()
        # moving a customer into the category needs the value too
        other = self._create_customer('测试属性庚建材有限公司', self.category_other)
        with self._refused(ValidationError, 'Test Industry'):
            other.sudo(self.salesperson).write({'customer_category_id': self.category_key.id})
        # as the form saves it: the new category with the line its onchange added, filled in
        other.sudo(self.salesperson).write({
            'customer_category_id': self.category_key.id,
            'attribute_value_ids': [(0, 0, {'attribute_id': self.industry.id, 'value_option_id': self.machinery.id})]})
        self.assertEqual(other.customer_category_id, self.category_key)

    def test_required_attribute_not_for_other_categories(self):
        self.industry.sudo(self.manager).write({'required': True,
                                                'customer_category_ids': [(6, 0, self.category_key.ids)]})
        self.purchase.sudo(self.manager).required = True
        customer = self._create_customer('测试属性辛电气有限公司', self.category_other,
                                         attribute_value_ids=[(0, 0, {'attribute_id': self.purchase.id,
                                                                      'value_number': 800000})])
        self.assertFalse(self._line(customer, self.industry).value_display)
        with self._refused(ValidationError, 'Test Annual Purchases'):
            self._create_customer('测试属性壬电气有限公司', self.category_other, attribute_value_ids=[
                (0, 0, {'attribute_id': self.purchase.id, 'value_number': 0})])
        # people carry no attributes, required or not
        self.env['res.partner'].sudo(self.salesperson).create({'name': '周联系人', 'parent_id': customer.id})

    def test_search_customers_by_attribute_value(self):
        machinery = self._create_customer('测试属性癸机床有限公司')
        electronics = self._create_customer('测试属性子电子有限公司')
        machinery.sudo(self.salesperson).set_attribute_values({
            'test_industry': '测试机械制造', 'test_payment_habit': '预付30%'})
        electronics.sudo(self.salesperson).set_attribute_values({'test_industry': '测试电子电器'})
        Partner = self.env['res.partner'].sudo(self.salesperson)
        # the domain of the customer search view's "Attribute Value" field
        self.assertEqual(Partner.search([('attribute_value_ids.value_display', 'ilike', '测试机械')]), machinery)
        self.assertEqual(Partner.search([('attribute_value_ids.value_display', 'ilike', '预付')]), machinery)
        groups = self.env['crm.attribute.value'].sudo(self.manager).read_group(
            [('attribute_id', '=', self.industry.id), ('value_display', '!=', False)],
            ['value_display'], ['value_display'])
        self.assertEqual({g['value_display']: g['value_display_count'] for g in groups},
                         {'测试机械制造': 1, '测试电子电器': 1})
        exported = machinery.export_data(['attribute_value_ids/attribute_id', 'attribute_value_ids/value_display'])
        self.assertIn(['Test Industry', '测试机械制造'], exported['datas'])
        with self._refused(UserError, '测试航空'):
            machinery.sudo(self.salesperson).set_attribute_values({'test_industry': '测试航空'})

    def test_values_follow_the_customer(self):
        mine = self._create_customer('测试属性丑贸易有限公司')
        theirs = self._create_customer('测试属性寅贸易有限公司', user=self.colleague)
        self._line(mine, self.payment_habit).sudo(self.salesperson).write({'value_text': '月结30天'})
        with self._refused(AccessError):
            self._line(theirs, self.payment_habit).sudo(self.salesperson).write({'value_text': '现款现货'})
        with self._refused(AccessError):
            self.env['crm.attribute.value'].sudo(self.salesperson).create({
                'attribute_id': self.purchase.id, 'partner_id': theirs.id, 'value_number': 1})
        with self._refused(AccessError):
            self.industry.sudo(self.salesperson).write({'required': True})
        self.assertEqual(self.industry.sudo(self.salesperson).option_ids.mapped('name'),
                         ['测试机械制造', '测试电子电器'], 'salespeople read the definitions')

    def test_attribute_with_values_keeps_its_type(self):
        customer = self._create_customer('测试属性卯电子有限公司')
        customer.sudo(self.salesperson).set_attribute_values({'test_payment_habit': '月结',
                                                              'test_industry': '测试电子电器'})
        with self._refused(UserError):
            self.payment_habit.sudo(self.manager).write({'field_type': 'number'})
        with self._refused(UserError, '测试电子电器'):
            self.electronics.sudo(self.manager).unlink()
        with self._refused(UserError):
            self.payment_habit.sudo(self.manager).unlink()
        # without values the type may change and the attribute may go
        self.first_deal.sudo(self.manager).write({'field_type': 'text'})
        self.first_deal.sudo(self.manager).unlink()
        self.assertFalse(self.first_deal.exists())
        self.assertEqual(self._line(customer, self.industry).value_option_id, self.electronics)
