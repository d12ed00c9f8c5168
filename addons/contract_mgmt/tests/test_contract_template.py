from odoo.exceptions import AccessError, ValidationError

from .common import ContractCase


class TestContractTemplate(ContractCase):

    @classmethod
    def setUpClass(cls):
        super(TestContractTemplate, cls).setUpClass()
        cls.cny = cls.env.ref('base.CNY')
        cls.template = cls.env['sale.contract.template'].sudo(cls.manager).create({
            'name': '测试合同模板',
            'heading': '测试买卖合同',
            'contract_type_id': cls.contract_type.id,
            'clause_ids': [
                (0, 0, {'sequence': 1, 'title': '{{客户}}的采购',
                        'body': '<p>买方{{客户}}（{{ customer }}）签订合同{{合同编号}}，总价{{合同金额}}，'
                                '大写{{大写金额}}。</p>'}),
                (0, 0, {'sequence': 2, 'title': '日期',
                        'body': '<p>签订：{{签订日期}}；开始：{{开始日期}}；结束：{{end_date}}；'
                                '签约：{{我方签约人}}/{{客户签约人}}；我方：{{我方公司}}</p>'}),
            ],
        })

    def _contract(self, **values):
        values.setdefault('currency_id', self.cny.id)
        values.setdefault('template_id', self.template.id)
        return self._draft_contract(**values)

    def test_clauses_are_filled_with_the_contract_values(self):
        contract = self._contract(date_start='2026-03-01', date_end='2026-12-31',
                                  customer_signer_id=self.customer_contact.id)
        clauses = contract.sudo(self.salesperson).with_context(lang='zh_CN').get_filled_clauses()
        self.assertEqual([c['title'] for c in clauses], ['测试客户有限公司的采购', '日期'])
        self.assertEqual(clauses[0]['number'], '一')
        body = clauses[0]['body']
        self.assertIn('买方测试客户有限公司（测试客户有限公司）', body, 'Chinese and English names alike')
        self.assertIn(contract.name, body)
        self.assertIn('100,000.00', body)
        self.assertIn('大写人民币壹拾万元整', body)
        dates = clauses[1]['body']
        self.assertIn('签订：______年____月____日', dates, 'not signed yet: blanks to fill by hand')
        self.assertIn('开始：2026年3月1日', dates)
        self.assertIn('结束：2026年12月31日', dates)
        self.assertIn('签约：测试销售员/周经理', dates, 'the salesperson signs when no signer is given')
        self.assertIn('我方：%s' % contract.company_id.name, dates)
        self.assertNotIn('{{', body + dates)
        self.assertEqual(contract.get_filled_clauses()[1]['number'], '2', 'Arabic numbers in English')

    def test_values_are_escaped_text_never_evaluated(self):
        self.customer.name = '<b>坏</b>公司 & {{合同编号}}'
        contract = self._contract()
        body = contract.get_filled_clauses()[0]['body']
        self.assertIn('&lt;b&gt;坏&lt;/b&gt;公司 &amp; {{合同编号}}', body,
                      'a value is escaped and its braces are not filled again')
        self.assertNotIn('<b>坏', body)
        title = contract.get_filled_clauses()[0]['title']
        self.assertIn('&lt;b&gt;', title)

    def test_unknown_placeholder_is_refused_on_saving(self):
        Clause = self.env['sale.contract.template.clause'].sudo(self.manager)
        with self.assertRaisesRegex(ValidationError, r'\{\{客户名称\}\}'), self.cr.savepoint():
            Clause.create({'template_id': self.template.id, 'title': '笔误', 'body': '<p>买方{{客户名称}}</p>'})
        with self.assertRaisesRegex(ValidationError, 'do not exist'), self.cr.savepoint():
            Clause.create({'template_id': self.template.id, 'title': '未闭合', 'body': '<p>买方{{客户}</p>'})
        with self.assertRaisesRegex(ValidationError, r'\{\{明细\}\}'), self.cr.savepoint():
            Clause.create({'template_id': self.template.id, 'title': '{{明细}}', 'body': '<p>表</p>'})
        clause = self.template.clause_ids[0]
        with self.assertRaisesRegex(ValidationError, r'\{\{ 1\+1 \}\}'), self.cr.savepoint():
            clause.sudo(self.manager).write({'body': '<p>{{ 1+1 }}</p>'})
        clause.invalidate_cache()
        self.assertIn('{{ customer }}', clause.body)
        self.assertEqual(len(self.template.clause_ids), 2)

    def test_template_form_lists_the_placeholders(self):
        help_html = self.template.sudo(self.salesperson).placeholder_help
        for placeholder in ('{{客户}}', '{{customer}}', '{{大写金额}}', '{{明细}}', '{{签订日期}}', '{{我方签约人}}'):
            self.assertIn(placeholder, help_html)
        self.assertIn('capital numerals', help_html)

    def test_default_template_of_the_type_and_domain(self):
        self.contract_type.default_template_id = self.template
        contract = self._draft_contract()
        self.assertEqual(contract.template_id, self.template, 'a new contract starts with its type template')
        other_type = self.env['sale.contract.type'].create({'name': '测试服务合同'})
        with self.assertRaises(ValidationError), self.cr.savepoint():
            contract.sudo(self.salesperson).write({'contract_type_id': other_type.id})
        with self.assertRaises(ValidationError), self.cr.savepoint():
            other_type.default_template_id = self.template
        free_template = self.template.copy({'name': '通用模板', 'contract_type_id': False})
        self.assertEqual(len(free_template.clause_ids), 2, 'a copied template keeps its clauses')
        contract.sudo(self.salesperson).write({'contract_type_id': other_type.id, 'template_id': free_template.id})
        self.assertEqual(contract.template_id, free_template)

    def test_only_managers_write_templates(self):
        Template = self.env['sale.contract.template']
        self.assertIn(self.template, Template.sudo(self.salesperson).search([]))
        with self.assertRaises(AccessError), self.cr.savepoint():
            Template.sudo(self.salesperson).create({'name': '销售员模板'})
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.template.clause_ids[0].sudo(self.salesperson).write({'body': '<p>改条款</p>'})
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.template.sudo(self.accountant).write({'heading': '改标题'})
        self.assertEqual(self.template.heading, '测试买卖合同')

    def test_lines_placeholder_is_a_table_of_the_contract_lines(self):
        if 'line_ids' not in self.env['sale.contract']._fields:
            self.skipTest('contract lines are not there yet')
        product = self.env['product.product'].create({'name': '测试<伺服>电机', 'type': 'consu', 'list_price': 2800})
        self.template.clause_ids[0].sudo(self.manager).write({'body': '<p>货物：</p><p>{{明细}}</p>'})
        contract = self._contract(line_ids=[(0, 0, {
            'product_id': product.id, 'name': '测试<伺服>电机 750W', 'product_uom_qty': 3,
            'product_uom': product.uom_id.id, 'price_unit': 2800})])
        body = contract.get_filled_clauses()[0]['body']
        self.assertIn('<table class="o_contract_lines"', body)
        self.assertIn('测试&lt;伺服&gt;电机 750W', body)
        self.assertIn('2,800.00', body)
        self.assertIn('<td', body)
