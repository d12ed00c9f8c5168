from contextlib import contextmanager

from odoo.exceptions import AccessError, UserError, ValidationError

from .common import QuotePricingCase


class TestQuoteAttributes(QuotePricingCase):
    """Quote attributes are crm_lifecycle's custom attributes (crm.attribute) applying to quotations."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang='en_US'))
        Users = cls.env['res.users'].with_context(no_reset_password=True)
        cls.colleague = Users.create({
            'name': '测试销售同事', 'login': 'test_quote_attr_colleague', 'email': 'quote.colleague@example.cn',
            'groups_id': [(6, 0, [cls.env.ref('sales_team.group_sale_salesman').id])]})
        cls.team_lead = Users.create({
            'name': '测试销售组长', 'login': 'test_quote_attr_lead', 'email': 'quote.lead@example.cn',
            'groups_id': [(6, 0, [cls.env.ref('sales_team.group_sale_salesman_all_leads').id])]})
        Attribute = cls.env['crm.attribute'].sudo(cls.manager)
        cls.project = Attribute.create({'name': 'Test Project', 'code': 'test_q_project', 'field_type': 'text',
                                        'applies_to': 'sale.order'})
        cls.quantity_total = Attribute.create({'name': 'Test Sets', 'code': 'test_q_sets', 'field_type': 'number',
                                               'applies_to': 'sale.order'})
        cls.valid_until = Attribute.create({'name': 'Test Valid Until', 'code': 'test_q_valid',
                                            'field_type': 'date', 'applies_to': 'sale.order'})
        cls.payment = Attribute.create({
            'name': 'Test Payment Method', 'code': 'test_q_payment', 'field_type': 'selection',
            'applies_to': 'sale.order',
            'option_ids': [(0, 0, {'name': '测试电汇'}), (0, 0, {'name': '测试承兑汇票'})]})
        cls.customer_attribute = Attribute.create({'name': 'Test Industry', 'code': 'test_q_industry',
                                                   'field_type': 'text'})
        cls.wire, cls.acceptance = cls.payment.option_ids
        cls.ours = cls.project | cls.quantity_total | cls.valid_until | cls.payment

    @contextmanager
    def _refused(self, exception, regex='.*'):
        with self.assertRaisesRegex(exception, regex), self.cr.savepoint():
            yield
        self.env.cache.invalidate()

    def _line(self, order, attribute):
        return order.attribute_value_ids.filtered(lambda line: line.attribute_id == attribute)

    def test_each_quotation_gets_a_line_per_quote_attribute(self):
        defaults = self.env['sale.order'].sudo(self.salesperson).default_get(['attribute_value_ids'])
        offered = {command[2]['attribute_id'] for command in defaults['attribute_value_ids'] if command[0] == 0}
        self.assertTrue(set(self.ours.ids) <= offered, 'a new quotation form lists the quote attributes')
        self.assertNotIn(self.customer_attribute.id, offered)
        order = self._create_quotation(self.salesperson, 1000)
        self.assertEqual(order.attribute_value_ids.mapped('attribute_id') & (self.ours | self.customer_attribute),
                         self.ours)
        customer = self.env['res.partner'].create({'name': '测试报价属性客户', 'is_company': True, 'customer': True})
        self.assertNotIn(self.project, customer.attribute_value_ids.mapped('attribute_id'),
                         'quote attributes are not customer attributes')
        # a new attribute reaches the open quotations, not the confirmed orders
        confirmed = self._create_quotation(self.salesperson, 1000)
        confirmed.sudo(self.salesperson).action_confirm()
        site = self.env['crm.attribute'].sudo(self.manager).create({
            'name': 'Test Site', 'code': 'test_q_site', 'field_type': 'text', 'applies_to': 'sale.order'})
        self.assertTrue(self._line(order, site))
        self.assertFalse(self._line(confirmed, site))

    def test_values_are_typed(self):
        order = self._create_quotation(self.salesperson, 1000)
        with self._refused(ValidationError, 'Test Sets.*type Number'):
            self._line(order, self.quantity_total).write({'value_text': '三套'})
        with self._refused(ValidationError, 'not an option of the attribute "Test Payment Method"'):
            other = self.env['crm.attribute'].sudo(self.manager).create({
                'name': 'Test Other', 'code': 'test_q_other', 'field_type': 'selection',
                'applies_to': 'sale.order', 'option_ids': [(0, 0, {'name': '测试其他'})]})
            self._line(order, self.payment).write({'value_option_id': other.option_ids.id})
        with self._refused(ValidationError, 'applies to Customer only'):
            self.env['crm.attribute.value'].sudo(self.salesperson).create({
                'attribute_id': self.customer_attribute.id, 'sale_order_id': order.id, 'value_text': 'x'})
        order.sudo(self.salesperson).set_attribute_values({
            'test_q_project': ' 西湖智能仓储 ', 'test_q_sets': 3, 'test_q_valid': '2026-12-31',
            'test_q_payment': '测试承兑汇票'})
        shown = {line.attribute_id: line.value_display for line in order.attribute_value_ids}
        self.assertEqual([shown[a] for a in (self.project, self.quantity_total, self.valid_until, self.payment)],
                         ['西湖智能仓储', '3', '2026-12-31', '测试承兑汇票'])
        self.assertEqual(self._line(order, self.project).company_id, order.company_id)
        self.assertEqual(order.quote_attribute_values()[:2], [('Test Project', '西湖智能仓储'), ('Test Sets', '3')])

    def test_required_attribute_is_enforced(self):
        self.project.sudo(self.manager).required = True
        with self._refused(ValidationError, 'required attribute.*"Test Project"'):
            self._create_quotation(self.salesperson, 1000)
        order = self.env['sale.order'].sudo(self.salesperson).create({
            'partner_id': self.customer.id, 'pricelist_id': self.pricelist.id,
            'attribute_value_ids': [(0, 0, {'attribute_id': self.project.id, 'value_text': '二期改造'})]})
        self.assertEqual(self._line(order, self.project).value_display, '二期改造')
        with self._refused(ValidationError, 'Test Project'):
            self._line(order, self.project).sudo(self.salesperson).write({'value_text': ' '})
        with self._refused(ValidationError, 'Test Project'):
            order.sudo(self.salesperson).write({'attribute_value_ids': [(2, self._line(order, self.project).id)]})
        self.assertEqual(self._line(order, self.project).value_display, '二期改造')

    def test_quotations_searchable_and_exportable_by_attribute(self):
        warehouse = self._create_quotation(self.salesperson, 1000)
        factory = self._create_quotation(self.salesperson, 1000)
        warehouse.sudo(self.salesperson).set_attribute_values({'test_q_project': '测试智能仓储', 'test_q_payment': '测试电汇'})
        factory.sudo(self.salesperson).set_attribute_values({'test_q_project': '测试工厂改造'})
        Order = self.env['sale.order'].sudo(self.salesperson)
        # the domain of the quotation search view's "Quote Attribute Value" field
        self.assertEqual(Order.search([('attribute_value_ids.value_display', 'ilike', '测试智能')]), warehouse)
        self.assertEqual(Order.search([('attribute_value_ids.value_display', 'ilike', '测试电汇')]), warehouse)
        exported = warehouse.sudo(self.salesperson).export_data(
            ['name', 'attribute_value_ids/attribute_id', 'attribute_value_ids/value_display'])
        rows = [row[1:] for row in exported['datas']]
        self.assertIn(['Test Project', '测试智能仓储'], rows)
        self.assertIn(['Test Payment Method', '测试电汇'], rows)

    def test_values_follow_the_quotation(self):
        mine = self._create_quotation(self.salesperson, 1000)
        theirs = self._create_quotation(self.colleague, 1000)
        theirs.sudo(self.colleague).set_attribute_values({'test_q_project': '测试同事的项目'})
        Value = self.env['crm.attribute.value']
        self.assertFalse(Value.sudo(self.salesperson).search([('sale_order_id', '=', theirs.id)]),
                         "a salesperson does not see the values of a colleague's quotations")
        self.assertFalse(Value.sudo(self.salesperson).search([('value_display', '=', '测试同事的项目')]))
        self.assertEqual(Value.sudo(self.team_lead).search([('value_display', '=', '测试同事的项目')]).sale_order_id,
                         theirs)
        with self._refused(AccessError):
            self._line(theirs, self.project).sudo(self.salesperson).write({'value_text': '改掉'})
        with self._refused(AccessError):
            Value.sudo(self.salesperson).create({'attribute_id': self.customer_attribute.id,
                                                 'sale_order_id': theirs.id})
        with self._refused(AccessError):
            self.project.sudo(self.salesperson).write({'required': True})
        self._line(mine, self.project).sudo(self.salesperson).write({'value_text': '我的项目'})
        self.assertEqual(self._line(mine, self.project).value_display, '我的项目')

    def test_revision_copies_the_values_and_keeps_the_old_ones(self):
        v1 = self._create_quotation(self.salesperson, 1000)
        v1.sudo(self.salesperson).set_attribute_values({'test_q_project': '测试一期', 'test_q_payment': '测试电汇'})
        v1.sudo(self.salesperson).action_revise_quotation()
        v2 = v1.current_revision_id
        self.assertEqual(self._line(v2, self.project).value_display, '测试一期')
        with self._refused(UserError, 'previous versions cannot be changed'):
            self._line(v1, self.project).sudo(self.salesperson).write({'value_text': '测试二期'})
        with self._refused(UserError, 'previous versions cannot be changed'):
            v1.sudo(self.salesperson).set_attribute_values({'test_q_project': '测试二期'})
        v2.sudo(self.salesperson).set_attribute_values({'test_q_project': '测试二期'})
        self.assertEqual((self._line(v1, self.project).value_display, self._line(v2, self.project).value_display),
                         ('测试一期', '测试二期'))
