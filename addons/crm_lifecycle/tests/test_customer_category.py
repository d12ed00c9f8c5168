from odoo.exceptions import AccessError, ValidationError
from odoo.tests.common import SavepointCase

from .common import create_user


class TestCustomerCategory(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        salesman_groups = ['sales_team.group_sale_salesman', 'base.group_partner_manager']
        cls.salesperson = create_user(cls.env, 'test_lifecycle_sales', '测试销售员', salesman_groups)
        cls.colleague = create_user(cls.env, 'test_lifecycle_colleague', '测试同事', salesman_groups)
        cls.category_key = cls.env['crm.customer.category'].create({
            'name': '重点客户', 'code': 'TKEY', 'max_customers_per_salesperson': 2})
        cls.category_open = cls.env['crm.customer.category'].create({
            'name': '一般客户', 'code': 'TOPEN', 'max_customers_per_salesperson': 0})

    def _create_customer(self, user, name, category):
        return self.env['res.partner'].sudo(user).create({
            'name': name, 'is_company': True, 'customer': True,
            'user_id': user.id, 'customer_category_id': category.id})

    def test_salesperson_cannot_exceed_category_cap(self):
        self._create_customer(self.salesperson, '甲公司', self.category_key)
        self._create_customer(self.salesperson, '乙公司', self.category_key)
        with self.assertRaisesRegex(ValidationError, '测试销售员'), self.cr.savepoint():
            self._create_customer(self.salesperson, '丙公司', self.category_key)
        held = self.env['res.partner'].search_count([
            ('user_id', '=', self.salesperson.id), ('customer_category_id', '=', self.category_key.id)])
        self.assertEqual(held, 2, 'the refused customer must not be created')

    def test_reassigning_to_a_full_salesperson_is_refused(self):
        self._create_customer(self.salesperson, '甲公司', self.category_key)
        self._create_customer(self.salesperson, '乙公司', self.category_key)
        other = self._create_customer(self.colleague, '丁公司', self.category_key)
        with self.assertRaises(ValidationError), self.cr.savepoint():
            # Only a sales manager (or an ownership action) changes an owner: here the superuser.
            other.sudo().write({'user_id': self.salesperson.id})
        self.assertEqual(other.user_id, self.colleague)

    def test_category_without_cap_has_no_limit(self):
        for index in range(5):
            self._create_customer(self.salesperson, '公司%s' % index, self.category_open)
        self.assertEqual(self.category_open.partner_count, 5)

    def test_salesperson_cannot_change_strategy(self):
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.category_key.sudo(self.salesperson).write({'max_customers_per_salesperson': 99})
