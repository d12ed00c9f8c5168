"""Two companies over XML-RPC: the demo company A (上海华贸商贸有限公司) and a company B created here by the
admin, with a sales director, a salesperson and an accountant who have the demo users' groups. A user of one
company never sees the other's customers, opportunities, quotations, contracts, sales plans, service tickets
or commission (search finds nothing, read by id is refused); the settings (recall days, floor-price policy,
approval tiers, commission rules) are set differently in B and each applies in its own company only."""
import xmlrpc.client

import pytest

from conftest import DEMO_PASSWORDS, OdooClient

EN = {'lang': 'en_US'}
COMPANY_B = '深圳鹏程电子有限公司'
# login of company B -> (name, demo user whose groups it gets)
USERS_B = {
    'mc_b_director': ('周涛', 'chenjing'),
    'mc_b_salesperson': ('孙磊', 'zhangwei'),
    'mc_b_accountant': ('郑洁', 'zhaomin'),
}
DEMO_PASSWORDS.update({login: login for login in USERS_B})
USERS_A = ('chenjing', 'zhangwei', 'zhaomin')
# what "the other company's records" means, per model
BUSINESS_MODELS = ('res.partner', 'crm.lead', 'sale.order', 'sale.contract', 'sales.plan', 'aftersales.ticket',
                   'sales.commission.line', 'sales.commission.statement')


def _refused(client, model, method, *args, **kwargs):
    with pytest.raises(xmlrpc.client.Fault) as refused:
        client.call(model, method, *args, context=EN, **kwargs)
    return refused.value.faultString


def _find_or_create(admin, model, domain, values):
    found = admin.call(model, 'search', domain, limit=1)
    return found[0] if found else admin.call(model, 'create', values, context=EN)


def _as_tuples(values):
    return [(name, '=', value) for name, value in values.items()]


@pytest.fixture(scope='module')
def company_b(as_user, odoo_url, odoo_db):
    """Company B, its users (logged in) and its team; created once per database."""
    admin = as_user('admin')
    company = _find_or_create(admin, 'res.company', [('name', '=', COMPANY_B)], {
        'name': COMPANY_B, 'currency_id': admin.ref('base.CNY'), 'country_id': admin.ref('base.cn'),
        'city': '深圳'})
    # admin works in both companies (he created B), his current company stays A
    admin.call('res.users', 'write', [admin.uid], {'company_ids': [(4, company)]})
    users = {}
    for login, (name, model_login) in USERS_B.items():
        model_user = admin.call('res.users', 'search_read', [('login', '=', model_login)], fields=['groups_id'])[0]
        users[login] = _find_or_create(admin, 'res.users', [('login', '=', login)], {
            'name': name, 'login': login, 'password': login, 'lang': 'zh_CN', 'tz': 'Asia/Shanghai',
            'email': '%s@pengcheng-dianzi.example.com' % login,
            'company_id': company, 'company_ids': [(6, 0, [company])],
            'groups_id': [(6, 0, model_user['groups_id'])]})
    team = _find_or_create(admin, 'crm.team', [('name', '=', '深圳销售部'), ('company_id', '=', company)], {
        'name': '深圳销售部', 'company_id': company, 'user_id': users['mc_b_director']})
    admin.call('res.users', 'write', [users['mc_b_salesperson'], users['mc_b_director']], {'sale_team_id': team})
    clients = {login: OdooClient(odoo_url, odoo_db, login) for login in USERS_B}
    return {'id': company, 'users': users, 'team': team, 'clients': clients,
            'director': clients['mc_b_director'], 'salesperson': clients['mc_b_salesperson'],
            'accountant': clients['mc_b_accountant']}


@pytest.fixture(scope='module')
def company_a(as_user):
    admin = as_user('admin')
    return admin.call('res.users', 'read', [as_user('chenjing').uid], fields=['company_id'])[0]['company_id'][0]


def _records_of_b(admin, b):
    """One record of each business model in company B, created by B's own users where they can."""
    salesperson, director = b['salesperson'], b['director']
    customer = _find_or_create(salesperson, 'res.partner', [('name', '=', '深圳南山精密机械有限公司')], {
        'name': '深圳南山精密机械有限公司', 'is_company': True, 'customer': True, 'city': '深圳',
        'phone': '0755-26881234', 'user_id': b['users']['mc_b_salesperson']})
    lead = salesperson.call('crm.lead', 'create', {
        'name': '南山精密 数控机床改造', 'type': 'opportunity', 'partner_id': customer,
        'planned_revenue': 380000.0}, context=EN)
    product = _any_product(admin)
    order = salesperson.call('sale.order', 'create', {
        'partner_id': customer, 'opportunity_id': lead,
        'order_line': [(0, 0, {'product_id': product, 'product_uom_qty': 2.0})]}, context=EN)
    contract = salesperson.call('sale.contract', 'create', {
        'title': '南山精密 设备采购合同', 'partner_id': customer, 'amount_total': 120000.0}, context=EN)
    plan = director.call('sales.plan', 'create', {'name': '深圳 2026 年度销售计划', 'year': 2026}, context=EN)
    ticket = admin.call('aftersales.ticket', 'create', {
        'title': '南山精密 设备异响', 'partner_id': customer, 'company_id': b['id'],
        'type_id': admin.ref('aftersales_returns.ticket_type_repair')}, context=EN)
    rule = _find_or_create(director, 'sales.commission.rule', [('name', '=', '深圳 回款提成')], {
        'name': '深圳 回款提成', 'applies_to': 'all', 'base': 'collected', 'rate': 3.0})
    # commission lines come from collections: one recorded directly, as the payment hook would
    line = _find_or_create(admin, 'sales.commission.line', [('source_key', '=', 'mc-test-b')], {
        'source_key': 'mc-test-b', 'company_id': b['id'], 'user_id': b['users']['mc_b_salesperson'],
        'rule_id': rule, 'date': '2026-01-15', 'collected_amount': 1000.0, 'base_amount': 1000.0})
    statement_values = {'user_id': b['users']['mc_b_salesperson'], 'company_id': b['id'],
                        'date_from': '2026-01-01', 'date_to': '2026-01-31'}
    statement = _find_or_create(admin, 'sales.commission.statement', _as_tuples(statement_values),
                                statement_values)
    return {'res.partner': customer, 'crm.lead': lead, 'sale.order': order, 'sale.contract': contract,
            'sales.plan': plan, 'aftersales.ticket': ticket, 'sales.commission.line': line,
            'sales.commission.statement': statement}


def _any_product(admin):
    return admin.call('product.product', 'search', [('sale_ok', '=', True), ('floor_price', '>', 0)], limit=1)[0]


def _records_of_a(admin, company_a):
    """One existing record of each business model in company A (demo data, or made by earlier steps)."""
    records = {}
    for model in BUSINESS_MODELS:
        domain = [('company_id', '=', company_a)]
        if model == 'res.partner':
            domain += [('customer', '=', True), ('is_company', '=', True), ('ref_company_ids', '=', False)]
        found = admin.call(model, 'search', domain, limit=1)
        if found:
            records[model] = found[0]
    return records


def _assert_invisible(client, records):
    """``client`` finds none of ``records`` and cannot read them by id."""
    for model, record in records.items():
        if not client.call(model, 'check_access_rights', 'read', raise_exception=False):
            continue  # no access to the model at all: sees nothing of it anyway
        assert not client.call(model, 'search', [('id', '=', record)]), \
            '%s sees %s %s of the other company' % (client.login, model, record)
        _refused(client, model, 'read', [record], fields=['display_name'])


def test_users_of_one_company_never_see_the_other_companys_records(as_user, company_a, company_b):
    admin = as_user('admin')
    records_b = _records_of_b(admin, company_b)
    records_a = _records_of_a(admin, company_a)
    # A has demo records of every kind but commission (made by later collections): make one of each missing
    if 'sales.commission.statement' not in records_a:
        values = {'user_id': as_user('zhangwei').uid, 'company_id': company_a,
                  'date_from': '2019-01-01', 'date_to': '2019-01-31'}
        records_a['sales.commission.statement'] = _find_or_create(
            admin, 'sales.commission.statement', _as_tuples(values), values)
    assert set(records_a) >= set(BUSINESS_MODELS) - {'sales.commission.line'}, sorted(records_a)
    # B's own people see B's records
    for login in ('mc_b_director', 'mc_b_salesperson'):
        client = company_b['clients'][login]
        for model in ('res.partner', 'crm.lead', 'sale.order', 'sale.contract'):
            assert client.call(model, 'search', [('id', '=', records_b[model])]), (login, model)
    director = company_b['director']
    for model in ('sales.plan', 'aftersales.ticket', 'sales.commission.line', 'sales.commission.statement'):
        assert director.call(model, 'search', [('id', '=', records_b[model])]), model
    assert company_b['accountant'].call('sale.contract', 'search', [('id', '=', records_b['sale.contract'])])
    # ... and none of A's; A's people none of B's
    for client in company_b['clients'].values():
        _assert_invisible(client, records_a)
        for model in ('res.partner', 'crm.lead', 'sale.order', 'sale.contract'):
            domain = [('company_id', '=', company_a)]
            if model == 'res.partner':  # people, suppliers and companies' own partners are shared
                domain += [('customer', '=', True), ('is_company', '=', True), ('ref_company_ids', '=', False)]
            if client.call(model, 'check_access_rights', 'read', raise_exception=False):
                assert not client.call(model, 'search', domain, limit=1), \
                    '%s finds %s of company A' % (client.login, model)
    for login in USERS_A:
        _assert_invisible(as_user(login), records_b)


def test_recall_days_are_per_company(as_user, company_a, company_b):
    """The recall strategy a new customer category starts with is its company's setting."""
    admin = as_user('admin')
    fields = ['category_default_recall_days_without_follow_up', 'category_default_recall_days_without_won']
    days_a = admin.call('res.company', 'read', [company_a], fields=fields)[0]
    admin.call('res.company', 'write', [company_b['id']], {
        'category_default_recall_days_without_follow_up': 15, 'category_default_recall_days_without_won': 45})
    assert (days_a['category_default_recall_days_without_follow_up'],
            days_a['category_default_recall_days_without_won']) != (15, 45)
    category_fields = ['recall_days_without_follow_up', 'recall_days_without_won']
    defaults_a = as_user('chenjing').call('crm.customer.category', 'default_get', category_fields)
    assert (defaults_a['recall_days_without_follow_up'], defaults_a['recall_days_without_won']) == (
        days_a['category_default_recall_days_without_follow_up'], days_a['category_default_recall_days_without_won'])
    director = company_b['director']
    existing = director.call('crm.customer.category', 'search', [('code', '=', 'SZ-A')])
    category = existing[0] if existing else director.call(
        'crm.customer.category', 'create', {'name': '深圳重点客户', 'code': 'SZ-A'}, context=EN)
    read = director.call('crm.customer.category', 'read', [category], fields=category_fields + ['company_id'])[0]
    assert read['company_id'][0] == company_b['id']
    assert (read['recall_days_without_follow_up'], read['recall_days_without_won']) == (15, 45), read
    # A's people do not even see B's category
    assert not as_user('chenjing').call('crm.customer.category', 'search', [('id', '=', category)])


def _quote_below_floor(client, customer, product, floor, percent_below):
    order = client.call('sale.order', 'create', {'partner_id': customer, 'order_line': [(0, 0, {
        'product_id': product, 'product_uom_qty': 1.0, 'price_unit': round(floor * (1 - percent_below / 100.0), 2)})]},
        context=EN)
    return order, client.call('sale.order', 'read', [order], fields=['floor_approval_level', 'max_below_floor_percent',
                                                                     'company_id'])[0]


def _customer_of(client, user_id, name):
    return _find_or_create(client, 'res.partner', [('name', '=', name)], {
        'name': name, 'is_company': True, 'customer': True, 'user_id': user_id})


def test_floor_price_policy_and_approval_tiers_are_per_company(as_user, company_a, company_b):
    admin, zhangwei = as_user('admin'), as_user('zhangwei')
    salesperson = company_b['salesperson']
    product = _any_product(admin)
    floor = admin.call('product.product', 'read', [product], fields=['floor_price'])[0]['floor_price']
    percent_a = admin.call('res.company', 'read', [company_a], fields=['floor_approval_team_lead_percent'])[0][
        'floor_approval_team_lead_percent']
    # B lets team leads approve much further below the floor than A does
    admin.call('res.company', 'write', [company_b['id']], {'floor_approval_team_lead_percent': percent_a + 20.0})
    below = percent_a + 10.0
    customer_a = _customer_of(zhangwei, zhangwei.uid, '常州武进多租户测试机电有限公司')
    customer_b = _customer_of(salesperson, salesperson.uid, '东莞松山湖多租户测试电子有限公司')
    order_a, read_a = _quote_below_floor(zhangwei, customer_a, product, floor, below)
    order_b, read_b = _quote_below_floor(salesperson, customer_b, product, floor, below)
    assert (read_a['company_id'][0], read_b['company_id'][0]) == (company_a, company_b['id'])
    assert read_a['max_below_floor_percent'] == pytest.approx(read_b['max_below_floor_percent'], abs=0.01)
    assert read_a['floor_approval_level'] == 'director', read_a
    assert read_b['floor_approval_level'] == 'team_lead', read_b

    # An approval tier of B only: every B quotation above 1,000 needs the director, A's do not
    _find_or_create(admin, 'tier.definition', [('name', '=', '深圳 大额报价审批'), ('company_id', '=', company_b['id'])], {
        'name': '深圳 大额报价审批', 'model_id': admin.call('ir.model', 'search', [('model', '=', 'sale.order')])[0],
        'review_type': 'group', 'reviewer_group_id': admin.ref('sales_team.group_sale_manager'),
        'definition_domain': "[('amount_untaxed', '>=', 1000)]", 'company_id': company_b['id'], 'sequence': 60})
    list_price = max(round(floor * 1.5, 2), 600.0)  # two of them: above B's tier amount
    lines = [(0, 0, {'product_id': product, 'product_uom_qty': 2.0, 'price_unit': list_price})]
    plain_a = zhangwei.call('sale.order', 'create', {'partner_id': customer_a, 'order_line': lines}, context=EN)
    plain_b = salesperson.call('sale.order', 'create', {'partner_id': customer_b, 'order_line': lines}, context=EN)
    assert 'needs no price approval' in _refused(zhangwei, 'sale.order', 'action_request_price_approval', [plain_a])
    # whoever asks (the superuser admin sees every company's tiers), B's tier is not A's
    assert 'needs no price approval' in _refused(admin, 'sale.order', 'action_request_price_approval', [plain_a])
    assert 'needs approval' in _refused(salesperson, 'sale.order', 'action_confirm', [plain_b])
    salesperson.call('sale.order', 'action_request_price_approval', [plain_b], context=EN)
    state = salesperson.call('sale.order', 'read', [plain_b], fields=['price_approval_state', 'reviewer_ids'])[0]
    assert state['price_approval_state'] == 'to_approve'
    assert company_b['users']['mc_b_director'] in state['reviewer_ids']
    assert not set(state['reviewer_ids']) & {as_user('chenjing').uid, as_user('liuyang').uid}, state
    company_b['director'].call('sale.order', 'validate_tier', [plain_b], context=EN)
    assert salesperson.call('sale.order', 'read', [plain_b], fields=['price_approval_state'])[0][
        'price_approval_state'] == 'approved'


def test_commission_rule_of_one_company_makes_no_lines_for_the_other(as_user, company_a, company_b):
    """A collection in A gets lines from A's rules only, though B has a rule for all its salespeople."""
    admin, zhangwei, chenjing, zhaomin = (as_user(login) for login in ('admin', 'zhangwei', 'chenjing', 'zhaomin'))
    # both rules valid in March 2019 only, so that no other collection of the suite meets them
    window = {'applies_to': 'all', 'base': 'collected', 'date_from': '2019-03-01', 'date_to': '2019-03-31'}
    rule_a = _find_or_create(chenjing, 'sales.commission.rule', [('name', '=', '多公司测试 华贸回款提成')],
                             dict(window, name='多公司测试 华贸回款提成', rate=2.0))
    rule_b = _find_or_create(company_b['director'], 'sales.commission.rule', [('name', '=', '多公司测试 深圳回款提成')],
                             dict(window, name='多公司测试 深圳回款提成', rate=5.0))
    assert not chenjing.call('sales.commission.rule', 'search', [('id', '=', rule_b)])
    customer = admin.ref('crm_lifecycle.customer_hangzhou')
    contract = zhangwei.call('sale.contract', 'create', {
        'title': '多公司提成测试合同', 'partner_id': customer, 'amount_total': 20000.0,
        'payment_plan_ids': [(0, 0, {'name': '全款', 'amount': 20000.0, 'trigger': 'date',
                                     'due_date': '2019-03-10'})]}, context=EN)
    zhangwei.call('sale.contract', 'action_submit', [contract], context=EN)
    chenjing.call('sale.contract', 'action_approve', [contract], context=EN)
    zhangwei.call('sale.contract', 'action_sign', [contract], context=EN)
    plan = admin.call('sale.payment.plan', 'search', [('contract_id', '=', contract)])
    zhaomin.call('sale.payment.plan', 'action_create_invoice', plan, context=EN)
    zhaomin.call('sale.payment.plan', 'register_payment', plan, 20000.0, '2019-03-15', context=EN)
    invoice = admin.call('sale.payment.plan', 'read', plan, fields=['invoice_id'])[0]['invoice_id'][0]
    lines = admin.call('sales.commission.line', 'search_read', [('invoice_id', '=', invoice)],
                       fields=['rule_id', 'company_id', 'base_amount'])
    # A's rules (the test's and the demo's company-wide rule) make lines; B's rule none
    rules = {line['rule_id'][0] for line in lines}
    assert rule_a in rules and rule_b not in rules, lines
    a_rules = set(chenjing.call('sales.commission.rule', 'search', [('id', 'in', sorted(rules))]))
    assert a_rules == rules, 'every line comes from a rule of company A'
    assert all(line['company_id'][0] == company_a and line['base_amount'] == 20000.0 for line in lines), lines
    # B's people do not see A's line
    assert not company_b['director'].call('sales.commission.line', 'search', [('invoice_id', '=', invoice)])
