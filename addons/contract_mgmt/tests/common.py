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
