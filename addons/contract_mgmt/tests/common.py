from odoo.addons.crm_lifecycle.tests.common import create_user
from odoo.tests.common import SavepointCase


class ContractCase(SavepointCase):
    """Users for each role, a customer with a contact, and a helper to draft contracts."""

    @classmethod
    def setUpClass(cls):
        super(ContractCase, cls).setUpClass()
        # Messages are asserted in English whatever the database's users speak.
        cls.env = cls.env(context=dict(cls.env.context, lang='en_US'))
        cls.salesperson = create_user(cls.env, 'test_contract_sales', '测试销售员', ['sales_team.group_sale_salesman'])
        cls.colleague = create_user(cls.env, 'test_contract_colleague', '测试同事', ['sales_team.group_sale_salesman'])
        cls.team_lead = create_user(cls.env, 'test_contract_lead', '测试主管', ['sales_team.group_sale_salesman_all_leads'])
        cls.manager = create_user(cls.env, 'test_contract_manager', '测试经理', ['sales_team.group_sale_manager'])
        cls.accountant = create_user(cls.env, 'test_contract_accountant', '测试会计', ['account.group_account_invoice'])
        cls.team = cls.env['crm.team'].create({
            'name': '测试华东区', 'user_id': cls.team_lead.id,
            'member_ids': [(6, 0, [cls.salesperson.id])]})
        cls.customer = cls.env['res.partner'].create({
            'name': '测试客户有限公司', 'is_company': True, 'customer': True, 'email': 'customer@example.cn'})
        cls.customer_contact = cls.env['res.partner'].create({
            'name': '周经理', 'parent_id': cls.customer.id, 'email': 'zhou@example.cn'})
        cls.contract_type = cls.env['sale.contract.type'].create({'name': '测试销售合同'})

    @classmethod
    def _draft_contract(cls, user=None, **values):
        user = user or cls.salesperson
        vals = {
            'title': '测试合同',
            'partner_id': cls.customer.id,
            'contract_type_id': cls.contract_type.id,
            'user_id': user.id,
            'team_id': cls.team.id,
            'amount_total': 100000.0,
        }
        vals.update(values)
        return cls.env['sale.contract'].sudo(user).create(vals)

    @classmethod
    def _product(cls, name='测试伺服电机', price=2500.0, cost=1800.0, **values):
        vals = {'name': name, 'type': 'consu', 'list_price': price, 'standard_price': cost,
                'invoice_policy': 'order', 'taxes_id': [(6, 0, [])]}
        vals.update(values)
        return cls.env['product.product'].create(vals)

    @classmethod
    def _plan_template(cls):
        return cls.env['sale.payment.plan.template'].create({
            'name': '测试 30/60/10',
            'line_ids': [
                (0, 0, {'sequence': 1, 'name': '预付款', 'percent': 30, 'trigger': 'sign', 'days_after': 7}),
                (0, 0, {'sequence': 2, 'name': '发货款', 'percent': 60, 'trigger': 'delivery', 'days_after': 30}),
                (0, 0, {'sequence': 3, 'name': '验收款', 'percent': 10, 'trigger': 'acceptance', 'days_after': 30}),
            ]})

    def _approve(self, contract):
        contract.sudo(contract.user_id).action_submit()
        contract.sudo(self.manager).action_approve()
        return contract

    def _signed_contract_with_plan(self, plans=None, **values):
        """A signed contract of 100,000 with three dated instalments (30,000 / 50,000 / 20,000)."""
        plans = plans or [
            (0, 0, {'sequence': 1, 'name': '预付款', 'amount': 30000.0, 'trigger': 'date', 'due_date': '2026-01-10'}),
            (0, 0, {'sequence': 2, 'name': '进度款', 'amount': 50000.0, 'trigger': 'date', 'due_date': '2026-03-10'}),
            (0, 0, {'sequence': 3, 'name': '尾款', 'amount': 20000.0, 'trigger': 'date', 'due_date': '2099-06-30'}),
        ]
        contract = self._draft_contract(payment_plan_ids=plans, **values)
        self._approve(contract)
        contract.sudo(contract.user_id).action_sign()
        return contract

    def _register_payment(self, invoice, amount, date=None, user=None):
        """The accountant registers a customer payment on ``invoice``, the normal Odoo way."""
        user = user or self.accountant
        journal = self.env['account.journal'].search([('type', '=', 'bank'),
                                                      ('company_id', '=', invoice.company_id.id)], limit=1)
        payment = self.env['account.payment'].sudo(user).create({
            'payment_type': 'inbound', 'partner_type': 'customer', 'partner_id': invoice.partner_id.id,
            'amount': amount, 'journal_id': journal.id, 'payment_date': date or invoice.date_invoice,
            'payment_method_id': self.env.ref('account.account_payment_method_manual_in').id,
            'invoice_ids': [(6, 0, invoice.ids)], 'communication': invoice.number})
        payment.post()
        return payment
