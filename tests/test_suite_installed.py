"""The seven modules are installed together, named in Chinese, and their rules hold over XML-RPC."""
import xmlrpc.client

import pytest

OUR_MODULES = ['crm_lifecycle', 'sales_funnel', 'competitor', 'quote_pricing',
               'contract_mgmt', 'aftersales_returns', 'sales_team_mgmt']


def test_all_seven_modules_installed_with_chinese_names(as_user):
    admin = as_user('admin')
    modules = admin.call('ir.module.module', 'search_read', [('name', 'in', OUR_MODULES)],
                         fields=['name', 'state', 'shortdesc'], context={'lang': 'zh_CN'})
    assert {m['name']: m['state'] for m in modules} == {name: 'installed' for name in OUR_MODULES}
    for module in modules:
        assert any('\u4e00' <= ch <= '\u9fff' for ch in module['shortdesc']), module


def test_demo_users_work_in_chinese(as_user):
    salesperson = as_user('zhangwei')
    me = salesperson.call('res.users', 'read', [salesperson.uid], fields=['lang', 'company_id'])[0]
    assert me['lang'] == 'zh_CN'
    company = salesperson.call('res.company', 'read', [me['company_id'][0]], fields=['name', 'currency_id'])[0]
    assert company['currency_id'][1] == 'CNY'


def test_category_cap_holds_over_rpc(as_user):
    """A salesperson at the cap of a category cannot take one more customer of it, whatever the client."""
    director = as_user('chenjing')
    salesperson = as_user('lina')
    category = director.call('crm.customer.category', 'create',
                             {'name': 'RPC 测试类别', 'code': 'RPC-CAP', 'max_customers_per_salesperson': 1})
    try:
        salesperson.call('res.partner', 'create', {
            'name': 'RPC 测试客户一', 'is_company': True, 'user_id': salesperson.uid,
            'customer_category_id': category})
        with pytest.raises(xmlrpc.client.Fault, match='RPC 测试类别'):
            salesperson.call('res.partner', 'create', {
                'name': 'RPC 测试客户二', 'is_company': True, 'user_id': salesperson.uid,
                'customer_category_id': category}, context={'lang': 'zh_CN'})
        assert salesperson.call('res.partner', 'search_count', [('customer_category_id', '=', category)]) == 1
        with pytest.raises(xmlrpc.client.Fault, match='crm.customer.category') as refused:
            salesperson.call('crm.customer.category', 'write', [category], {'max_customers_per_salesperson': 5})
        assert refused.value.faultCode == 4, 'expected an access error, got %s' % refused.value
    finally:
        admin = as_user('admin')
        admin.call('res.partner', 'unlink', admin.call('res.partner', 'search',
                                                       [('customer_category_id', '=', category)]))
        admin.call('crm.customer.category', 'unlink', [category])
