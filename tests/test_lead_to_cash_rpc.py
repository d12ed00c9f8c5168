"""Lead to cash over XML-RPC against the multi-worker server, as the demo users of each role (issue 11, point 1).

A web-form lead for 宁波海曙精工 arrives and is assigned to the salesperson 张伟; the 撞单 check finds nothing
for it, and reports 李娜's customer for a second lead of his that names her 温州瓯海阀门. He converts his lead,
takes the opportunity through the strict 项目型销售 stages and their tasks, quotes a servo drive below its floor
price, which his team lead 刘洋 approves (he may not); the quotation becomes a contract that the director 陈静
approves and 张伟 signs, with a payment plan of three instalments. The accountant 赵敏 invoices them and
registers a late payment and a partial one: the collection state, the customer's loyalty points and 张伟's
commission lines follow. The after-sales agent 吴霞 records a return of two drives, the after-sales manager 钱军
approves and refunds it: the credit note takes the commission back and lowers the contract's figures.

Rankings, as the sales director 陈静 sees them: her performance report (sales.performance, live) shows 张伟's
month with the signed contract, the won deal, the invoices and the collection at once, and the live ranking by
collected amount that the leaderboard is taken from moves with it; the return lowers his invoiced amount (his
collection rate rises), while what was collected in cash, and so every ranking value, stays. Her "Take Rankings
Now" adds no second leaderboard the same day: the one taken today stays as it was (tomorrow's includes the sale).

On the way, every forbidden step is attempted, refused with its message, and changes nothing: the salesperson
approves his own quotation, edits the signed contract, reads a colleague's customer; the accountant changes an
amount. Each step runs in whichever worker answers: nothing relies on one process's memory.
"""
import base64
import datetime
import types
import xmlrpc.client

import pytest

EN = {'lang': 'en_US'}
ALL = {'active_test': False}


def _refused(client, model, method, *args, **kwargs):
    """The Fault message of a call that must be refused."""
    with pytest.raises(xmlrpc.client.Fault) as refused:
        client.call(model, method, *args, context=EN, **kwargs)
    return refused.value.faultString


def _read(client, model, record_id, fields):
    return client.call(model, 'read', [record_id], fields=fields, context=EN)[0]


@pytest.fixture(scope='module')
def people(as_user):
    logins = ('admin', 'zhangwei', 'lina', 'liuyang', 'chenjing', 'zhaomin', 'wuxia', 'qianjun')
    return types.SimpleNamespace(**{login: as_user(login) for login in logins})


@pytest.fixture(scope='module')
def commission_rule(people):
    """A 3 % collected-amount rule for 张伟 alone, created by the sales director: the test counts its lines only."""
    company = _read(people.admin, 'res.users', people.zhangwei.uid, ['company_id'])['company_id'][0]
    rule = people.chenjing.call('sales.commission.rule', 'create', {
        'name': '端到端测试提成（张伟）', 'company_id': company, 'applies_to': 'user',
        'user_id': people.zhangwei.uid, 'base': 'collected', 'rate': 3.0}, context=EN)
    yield rule
    people.chenjing.call('sales.commission.rule', 'write', [rule], {'active': False})


@pytest.fixture(scope='module')
def products(people):
    """Two products of our own, taxless so that the amounts read plainly; the servo drive has a floor price."""
    admin = people.admin
    values = {'type': 'consu', 'sale_ok': True, 'purchase_ok': True, 'taxes_id': [(6, 0, [])],
              'supplier_taxes_id': [(6, 0, [])], 'invoice_policy': 'order'}
    servo = admin.call('product.product', 'create', dict(
        values, name='端到端测试 伺服驱动器 SD-750', default_code='E2E-SD750', list_price=5000.0,
        standard_price=3000.0, floor_price=4500.0))
    cable = admin.call('product.product', 'create', dict(
        values, name='端到端测试 编码器电缆 5米', default_code='E2E-CBL5', list_price=200.0, standard_price=80.0))
    return types.SimpleNamespace(servo=servo, cable=cable)


def _day(offset):
    return (datetime.date.today() + datetime.timedelta(days=offset)).isoformat()


# ------------------------------------------------------------------------------------------------------------
# Steps
# ------------------------------------------------------------------------------------------------------------
def lead_arrives(people, flow):
    """A web-form lead, created by the administrator and assigned to 张伟, who sees it; 李娜 does not."""
    admin, zhangwei = people.admin, people.zhangwei
    flow.lead = admin.call('crm.lead', 'create', {
        'type': 'lead', 'name': '官网询价：伺服驱动器 20 台', 'partner_name': '宁波海曙精工机械有限公司',
        'contact_name': '周建国', 'phone': '0574-87651234', 'email_from': 'zhoujg@haishu-jinggong.example.cn',
        'description': '客户通过官网表单询价：SD-750 伺服驱动器 20 台，配编码器电缆。',
        'user_id': zhangwei.uid}, context=EN)
    seen = zhangwei.call('crm.lead', 'search_read', [('id', '=', flow.lead)], fields=['type', 'user_id', 'name'])
    assert [(row['type'], row['user_id'][0]) for row in seen] == [('lead', zhangwei.uid)], seen
    assert people.lina.call('crm.lead', 'search', [('id', '=', flow.lead)]) == [], '李娜 sees 张伟\'s lead'


def collision_check(people, flow):
    """撞单: nothing for the new company; 李娜's own customer is reported, with its owner, for a lead naming it."""
    zhangwei, lina = people.zhangwei, people.lina
    clean = zhangwei.call('crm.lead', 'find_conversion_collisions', [flow.lead], context=EN)
    assert clean == {'customers': [], 'opportunities': []}, clean

    flow.lina_customer = lina.call('res.partner', 'create', {
        'name': '温州瓯海阀门有限公司', 'is_company': True, 'customer': True, 'phone': '0577-86612345',
        'city': '温州', 'user_id': lina.uid}, context=EN)
    owner = _read(people.admin, 'res.partner', flow.lina_customer, ['user_id'])['user_id']
    assert owner and owner[0] == lina.uid, owner
    other_lead = zhangwei.call('crm.lead', 'create', {
        'type': 'lead', 'name': '瓯海阀门 电动执行器询价', 'partner_name': '温州瓯海阀门有限公司',
        'phone': '0577-86612345', 'user_id': zhangwei.uid}, context=EN)
    found = zhangwei.call('crm.lead', 'find_conversion_collisions', [other_lead], context=EN)
    matches = [(match['partner_id'], match['owner']) for match in found['customers']]
    assert (flow.lina_customer, '李娜') in matches, found
    # he is told the name and the owner, and still cannot read her customer
    assert zhangwei.call('res.partner', 'search', [('id', '=', flow.lina_customer)]) == []
    message = _refused(zhangwei, 'res.partner', 'read', [flow.lina_customer], fields=['name', 'phone'])
    assert 'res.partner' in message, message
    zhangwei.call('crm.lead', 'write', [other_lead], {'active': False}, context=EN)


def convert(people, flow):
    """He converts the lead with Odoo's wizard: a new customer of his and an opportunity of 项目型销售."""
    zhangwei, admin = people.zhangwei, people.admin
    context = dict(EN, active_model='crm.lead', active_id=flow.lead, active_ids=[flow.lead])
    wizard = zhangwei.call('crm.lead2opportunity.partner', 'create', {
        'name': 'convert', 'action': 'create', 'user_id': zhangwei.uid}, context=context)
    zhangwei.call('crm.lead2opportunity.partner', 'action_apply', [wizard], context=context)
    lead = _read(zhangwei, 'crm.lead', flow.lead, ['type', 'partner_id', 'user_id', 'stage_id', 'sales_method_id'])
    assert lead['type'] == 'opportunity' and lead['user_id'][0] == zhangwei.uid, lead
    contact = _read(zhangwei, 'res.partner', lead['partner_id'][0], ['name', 'commercial_partner_id'])
    assert contact['name'] == '周建国', contact  # the contact person, of the new company
    flow.contact, flow.customer = contact['id'], contact['commercial_partner_id'][0]
    customer = _read(zhangwei, 'res.partner', flow.customer, ['name', 'user_id', 'is_company', 'customer'])
    assert (customer['name'], customer['user_id'][0], customer['is_company'], customer['customer']) == \
        ('宁波海曙精工机械有限公司', zhangwei.uid, True, True), customer
    notes = admin.call('mail.message', 'search_read', [('model', '=', 'crm.lead'), ('res_id', '=', flow.lead)],
                       fields=['body'])
    assert any('撞单' in note['body'] for note in notes), 'the 撞单 check is logged on the opportunity'
    # a new project: the strict method 项目型销售, at its first stage with that stage's tasks
    zhangwei.call('crm.lead', 'write', [flow.lead], {
        'opportunity_type_id': admin.ref('sales_funnel.opportunity_type_new_project'),
        'planned_revenue': 100000.0}, context=EN)
    lead = _read(zhangwei, 'crm.lead', flow.lead, ['stage_id', 'sales_method_id'])
    assert lead['sales_method_id'][0] == flow.project_method, lead
    assert lead['stage_id'][0] == flow.stages['contact'], lead


def _tasks(client, lead, stage):
    rows = client.call('crm.lead.stage.task', 'search_read', [('lead_id', '=', lead), ('stage_id', '=', stage)],
                       fields=['name', 'required', 'done', 'requires_document'], context=EN)
    return {row['name']: row for row in rows}


def _stage(client, lead):
    return _read(client, 'crm.lead', lead, ['stage_id'])['stage_id'][0]


def _attach(client, lead, name):
    return client.call('ir.attachment', 'create', {
        'name': name, 'datas_fname': name + '.pdf', 'res_model': 'crm.lead', 'res_id': lead,
        'datas': base64.b64encode(('%PDF-1.4 ' + name).encode()).decode()})


def _validate_delivery(client, picking):
    """What the warehouse clicks: Validate, then Apply in "Immediate Transfer?" (every quantity done). The wizard
    is created here as button_validate does: its answer carries the context, which XML-RPC cannot send."""
    client.call('stock.picking', 'action_assign', [picking], context=EN)
    wizard = client.call('stock.immediate.transfer', 'create', {'pick_ids': [(4, picking)]}, context=EN)
    client.call('stock.immediate.transfer', 'process', [wizard], context=EN)
    assert _read(client, 'stock.picking', picking, ['state'])['state'] == 'done'


def through_stages(people, flow):
    """The strict method refuses skipping and leaving a stage with open required tasks; the tasks done move it on
    (auto-advance), a document-bound task wants its document."""
    zhangwei, stages = people.zhangwei, flow.stages
    tasks = _tasks(zhangwei, flow.lead, stages['contact'])
    assert set(tasks) == {'确认客户采购流程和关键联系人', '录入决策链成员'}, tasks
    message = _refused(zhangwei, 'crm.lead', 'write', [flow.lead], {'stage_id': stages['analysis']})
    assert 'required tasks of "初步接洽" are not done: 确认客户采购流程和关键联系人' in message, message
    message = _refused(zhangwei, 'crm.lead', 'write', [flow.lead], {'stage_id': stages['proposal']})
    assert 'it skips "需求分析"' in message and 'is strict' in message, message
    assert _stage(zhangwei, flow.lead) == stages['contact']

    zhangwei.call('crm.lead.stage.task', 'action_mark_done', [tasks['确认客户采购流程和关键联系人']['id']], context=EN)
    assert _stage(zhangwei, flow.lead) == stages['analysis'], 'the last required task done moves it on'

    tasks = _tasks(zhangwei, flow.lead, stages['analysis'])
    zhangwei.call('crm.lead.stage.task', 'action_mark_done', [tasks['现场调研']['id']], context=EN)
    confirmation = tasks['需求确认']['id']
    message = _refused(zhangwei, 'crm.lead.stage.task', 'action_mark_done', [confirmation])
    assert 'needs a document' in message, message
    assert _stage(zhangwei, flow.lead) == stages['analysis']
    attachment = _attach(zhangwei, flow.lead, '需求确认书')
    zhangwei.call('crm.lead.stage.task', 'write', [confirmation], {'attachment_ids': [(6, 0, [attachment])]})
    zhangwei.call('crm.lead.stage.task', 'action_mark_done', [confirmation], context=EN)
    assert _stage(zhangwei, flow.lead) == stages['proposal']

    tasks = _tasks(zhangwei, flow.lead, stages['proposal'])
    proposal = tasks['提交技术方案']['id']
    attachment = _attach(zhangwei, flow.lead, '伺服改造技术方案')
    zhangwei.call('crm.lead.stage.task', 'write', [proposal], {'attachment_ids': [(6, 0, [attachment])]})
    zhangwei.call('crm.lead.stage.task', 'action_mark_done', [proposal], context=EN)
    flow.quote_task = tasks['报价审批通过']['id']
    message = _refused(zhangwei, 'crm.lead', 'write', [flow.lead], {'stage_id': stages['negotiation']})
    assert 'required tasks of "方案报价" are not done: 报价审批通过' in message, message
    assert _stage(zhangwei, flow.lead) == stages['proposal']


def quotation_below_floor(people, flow, products):
    """His quotation sells the drive below its floor: it waits for his team lead, and he cannot approve it."""
    zhangwei, liuyang, admin = people.zhangwei, people.liuyang, people.admin
    flow.order = zhangwei.call('sale.order', 'create', {
        'partner_id': flow.customer, 'opportunity_id': flow.lead, 'client_order_ref': '海曙精工伺服改造项目',
        'order_line': [
            [0, 0, {'product_id': products.servo, 'product_uom_qty': 20, 'price_unit': 4300.0}],
            [0, 0, {'product_id': products.cable, 'product_uom_qty': 20, 'price_unit': 200.0}]]}, context=EN)
    order = _read(zhangwei, 'sale.order', flow.order, ['amount_total', 'floor_approval_level', 'state'])
    assert (order['amount_total'], order['floor_approval_level'], order['state']) == (90000.0, 'team_lead', 'draft')
    assert 'needs approval' in _refused(zhangwei, 'sale.order', 'action_confirm', [flow.order])
    zhangwei.call('sale.order', 'action_request_price_approval', [flow.order], context=EN)
    order = _read(zhangwei, 'sale.order', flow.order, ['price_approval_state', 'reviewer_ids'])
    assert order['price_approval_state'] == 'to_approve' and liuyang.uid in order['reviewer_ids'], order

    # forbidden: the salesperson approves his own quotation, by the button or by writing the state
    assert 'cannot approve the prices of your own quotation' in \
        _refused(zhangwei, 'sale.order', 'validate_tier', [flow.order])
    assert 'only through its buttons' in \
        _refused(zhangwei, 'sale.order', 'write', [flow.order], {'price_approval_state': 'approved'})
    assert _read(admin, 'sale.order', flow.order, ['price_approval_state'])['price_approval_state'] == 'to_approve'

    # the team lead sees it on his to-do list and approves it
    todo = liuyang.call('mail.activity', 'search', [('res_model', '=', 'sale.order'), ('res_id', '=', flow.order),
                                                    ('user_id', '=', liuyang.uid)])
    assert todo, '刘洋 has no approval activity'
    liuyang.call('sale.order', 'validate_tier', [flow.order], context=EN)
    order = _read(zhangwei, 'sale.order', flow.order, ['price_approval_state', 'price_approver_id'])
    assert (order['price_approval_state'], order['price_approver_id'][0]) == ('approved', liuyang.uid), order

    zhangwei.call('crm.lead.stage.task', 'action_mark_done', [flow.quote_task], context=EN)
    assert _stage(zhangwei, flow.lead) == flow.stages['negotiation']


def contract_signed(people, flow):
    """The quotation becomes a contract with three instalments; the director approves it, 张伟 signs it; the
    signed contract changes only through an amendment; the order is confirmed and delivered."""
    zhangwei, chenjing, admin = people.zhangwei, people.chenjing, people.admin
    action = zhangwei.call('sale.order', 'action_create_contract', [flow.order], context=EN)
    flow.contract = action['res_id']
    contract = _read(zhangwei, 'sale.contract', flow.contract,
                     ['state', 'partner_id', 'amount_total', 'opportunity_id', 'sale_order_ids', 'line_ids'])
    assert (contract['state'], contract['partner_id'][0], contract['amount_total']) == \
        ('draft', flow.customer, 90000.0), contract
    assert contract['opportunity_id'][0] == flow.lead and contract['sale_order_ids'] == [flow.order]
    assert len(contract['line_ids']) == 2

    flow.due = [_day(-45), _day(20), _day(200)]
    plan = [[0, 0, {'name': '预付款', 'amount': 27000.0, 'trigger': 'date', 'due_date': flow.due[0]}],
            [0, 0, {'name': '发货款', 'amount': 45000.0, 'trigger': 'date', 'due_date': flow.due[1]}],
            [0, 0, {'name': '验收款', 'amount': 18000.0, 'trigger': 'date', 'due_date': flow.due[2]}]]
    zhangwei.call('sale.contract', 'write', [flow.contract], {'payment_plan_ids': plan}, context=EN)
    flow.plans = zhangwei.call('sale.payment.plan', 'search', [('contract_id', '=', flow.contract)], order='due_date')
    assert len(flow.plans) == 3

    zhangwei.call('sale.contract', 'action_submit', [flow.contract], context=EN)
    assert 'cannot approve your own contract' in _refused(zhangwei, 'sale.contract', 'action_approve',
                                                          [flow.contract])
    chenjing.call('sale.contract', 'action_approve', [flow.contract], context=EN)
    zhangwei.call('sale.contract', 'action_sign', [flow.contract], context=EN)
    contract = _read(zhangwei, 'sale.contract', flow.contract, ['state', 'sign_date', 'collection_state'])
    assert contract['state'] == 'signed' and contract['sign_date'], contract

    # forbidden: the salesperson edits the signed contract (its amount, its terms, its instalments)
    assert 'amendment' in _refused(zhangwei, 'sale.contract', 'write', [flow.contract], {'amount_total': 80000.0})
    assert 'amendment' in _refused(zhangwei, 'sale.contract', 'write', [flow.contract], {'terms': '<p>改付款条件</p>'})
    _refused(zhangwei, 'sale.payment.plan', 'write', flow.plans[:1], {'amount': 1.0})
    contract = _read(admin, 'sale.contract', flow.contract, ['amount_total', 'terms', 'state'])
    assert (contract['amount_total'], contract['state']) == (90000.0, 'signed'), contract
    assert '改付款条件' not in (contract['terms'] or '')
    assert [p['amount'] for p in admin.call('sale.payment.plan', 'read', flow.plans, fields=['amount'])] == \
        [27000.0, 45000.0, 18000.0]

    # the contract's order is confirmed; the warehouse delivers it
    zhangwei.call('sale.order', 'action_confirm', [flow.order], context=EN)
    order = _read(zhangwei, 'sale.order', flow.order, ['state', 'picking_ids', 'contract_id'])
    assert order['state'] == 'sale' and order['contract_id'][0] == flow.contract, order
    assert len(order['picking_ids']) == 1, order
    _validate_delivery(admin, order['picking_ids'][0])
    lines = admin.call('sale.order.line', 'search_read', [('order_id', '=', flow.order)],
                       fields=['product_id', 'qty_delivered'])
    assert sorted(line['qty_delivered'] for line in lines) == [20.0, 20.0], lines
    flow.servo_line = [line['id'] for line in lines if line['product_id'][0] == flow.servo][0]

    # the opportunity is won
    zhangwei.call('crm.lead.stage.task', 'action_mark_done',
                  list(_tasks(zhangwei, flow.lead, flow.stages['negotiation']).values())[0]['id'], context=EN)
    zhangwei.call('crm.lead', 'write', [flow.lead], {'stage_id': flow.stages['won']}, context=EN)
    lead = _read(zhangwei, 'crm.lead', flow.lead, ['probability', 'stage_id'])
    assert lead['probability'] == 100 and lead['stage_id'][0] == flow.stages['won'], lead


def invoices_and_payments(people, flow, commission_rule):
    """赵敏 invoices the three instalments and registers a late payment in full and a partial one; she changes no
    amount. Collection state, loyalty points and commission lines follow."""
    zhaomin, zhangwei, admin = people.zhaomin, people.zhangwei, people.admin
    points_before = _read(zhangwei, 'res.partner', flow.customer, ['loyalty_points'])['loyalty_points']
    for plan in flow.plans:
        zhaomin.call('sale.payment.plan', 'action_create_invoice', [plan], context=EN)
    plans = zhaomin.call('sale.payment.plan', 'read', flow.plans,
                         fields=['invoice_id', 'payment_state', 'collection_state', 'due_date'])
    assert [p['payment_state'] for p in plans] == ['invoiced'] * 3, plans
    assert [p['collection_state'] for p in plans] == ['overdue', 'invoiced', 'invoiced'], plans
    flow.invoices = [p['invoice_id'][0] for p in plans]
    invoices = zhaomin.call('account.invoice', 'read', flow.invoices, fields=['state', 'amount_total', 'user_id'])
    assert [(inv['state'], inv['amount_total'], inv['user_id'][0]) for inv in invoices] == \
        [('open', 27000.0, zhangwei.uid), ('open', 45000.0, zhangwei.uid), ('open', 18000.0, zhangwei.uid)]
    assert _read(zhangwei, 'sale.contract', flow.contract, ['collection_state'])['collection_state'] == 'overdue'

    # forbidden: the accountant changes an amount (of an instalment, of the contract, of an open invoice)
    message = _refused(zhaomin, 'sale.payment.plan', 'write', flow.plans[:1], {'amount': 20000.0})
    assert 'is invoiced' in message and 'its amount no longer changes' in message, message
    message = _refused(zhaomin, 'sale.contract', 'write', [flow.contract], {'amount_total': 1.0})
    assert 'sale.contract' in message or 'amendment' in message, message
    line = admin.call('account.invoice.line', 'search', [('invoice_id', '=', flow.invoices[0])])
    message = _refused(zhaomin, 'account.invoice.line', 'write', line, {'price_unit': 1.0})
    assert 'is validated: its amounts change only through a credit note' in message, message
    assert [p['amount'] for p in admin.call('sale.payment.plan', 'read', flow.plans, fields=['amount'])] == \
        [27000.0, 45000.0, 18000.0]
    assert _read(admin, 'account.invoice', flow.invoices[0], ['amount_total'])['amount_total'] == 27000.0

    # the down payment was due 45 days ago: paid in full today, late; the delivery payment partly
    zhaomin.call('sale.payment.plan', 'register_payment', flow.plans[:1], context=EN)
    zhaomin.call('sale.payment.plan', 'register_payment', flow.plans[1:2], 15000.0, context=EN)
    plans = zhangwei.call('sale.payment.plan', 'read', flow.plans, fields=[
        'payment_state', 'collection_state', 'amount_paid', 'amount_residual', 'last_payment_date', 'due_date'])
    first, second, third = plans
    assert (first['payment_state'], first['collection_state'], first['amount_paid']) == ('paid', 'paid', 27000.0)
    assert first['last_payment_date'] > first['due_date'], 'the down payment came late'
    assert (second['payment_state'], second['collection_state'], second['amount_paid'],
            second['amount_residual']) == ('partial', 'partial', 15000.0, 30000.0), second
    assert (third['payment_state'], third['collection_state']) == ('invoiced', 'invoiced'), third
    contract = _read(zhangwei, 'sale.contract', flow.contract, [
        'collection_state', 'amount_invoiced', 'amount_collected', 'amount_receivable'])
    assert (contract['collection_state'], contract['amount_invoiced'], contract['amount_collected'],
            contract['amount_receivable']) == ('partial', 90000.0, 42000.0, 48000.0), contract

    # loyalty: one point per 100 collected, on his customer
    points = _read(zhangwei, 'res.partner', flow.customer, ['loyalty_points'])['loyalty_points']
    assert points == points_before + 270 + 150, (points_before, points)
    lines = zhangwei.call('crm.loyalty.point.line', 'search_read', [('partner_id', '=', flow.customer)],
                          fields=['points'])
    assert sorted(line['points'] for line in lines) == [150, 270], lines

    # commission: one line per payment for 张伟, on what was collected
    domain = [('rule_id', '=', commission_rule), ('invoice_id', 'in', flow.invoices)]
    lines = zhangwei.call('sales.commission.line', 'search_read', domain,
                          fields=['user_id', 'collected_amount', 'base_amount', 'invoice_id'])
    assert sorted((line['invoice_id'][0], line['collected_amount'], line['base_amount']) for line in lines) == \
        sorted([(flow.invoices[0], 27000.0, 27000.0), (flow.invoices[1], 15000.0, 15000.0)]), lines
    assert {line['user_id'][0] for line in lines} == {zhangwei.uid}
    assert people.lina.call('sales.commission.line', 'search_count', domain) == 0, '李娜 sees 张伟\'s commission'


def return_and_credit_note(people, flow, commission_rule):
    """Two drives come back: 吴霞 records the return, 钱军 approves and refunds it. The credit note takes 张伟's
    commission back and lowers what the contract invoiced and what is receivable."""
    wuxia, qianjun, zhangwei, admin = people.wuxia, people.qianjun, people.zhangwei, people.admin
    request = wuxia.call('aftersales.return', 'create', {
        'partner_id': flow.customer, 'sale_order_id': flow.order,
        'reason_id': admin.ref('aftersales_returns.return_reason_quality'),
        'description': '端到端测试：2 台伺服驱动器上电报警 E-21，退货退款',
        'line_ids': [[0, 0, {'sale_line_id': flow.servo_line, 'quantity': 2}]]}, context=EN)
    qianjun.call('aftersales.return', 'action_approve', [request], context=EN)
    wuxia.call('aftersales.return', 'action_receive', [request], context=EN)
    qianjun.call('aftersales.return', 'action_refund', [request], context=EN)
    assert _read(wuxia, 'aftersales.return', request, ['state'])['state'] == 'refunded'

    refunds = admin.call('account.invoice', 'search_read', [('return_id', '=', request)],
                         fields=['type', 'state', 'amount_total', 'user_id', 'contract_id'])
    assert len(refunds) == 1, refunds
    refund = refunds[0]
    assert (refund['type'], refund['state'], refund['amount_total'], refund['user_id'][0],
            refund['contract_id'][0]) == ('out_refund', 'open', 8600.0, zhangwei.uid, flow.contract), refund
    line = _read(admin, 'sale.order.line', flow.servo_line, ['qty_delivered'])
    assert line['qty_delivered'] == 18.0, line

    lines = zhangwei.call('sales.commission.line', 'search_read',
                          [('rule_id', '=', commission_rule), ('invoice_id', '=', refund['id'])],
                          fields=['collected_amount', 'base_amount', 'user_id'])
    assert [(line['collected_amount'], line['base_amount'], line['user_id'][0]) for line in lines] == \
        [(-8600.0, -8600.0, zhangwei.uid)], lines
    total = sum(line['base_amount'] for line in zhangwei.call(
        'sales.commission.line', 'search_read', [('rule_id', '=', commission_rule)], fields=['base_amount']))
    assert total == 27000.0 + 15000.0 - 8600.0
    contract = _read(zhangwei, 'sale.contract', flow.contract, [
        'amount_invoiced', 'amount_collected', 'amount_receivable'])
    assert (contract['amount_invoiced'], contract['amount_collected'], contract['amount_receivable']) == \
        (90000.0 - 8600.0, 42000.0, 48000.0 - 8600.0), contract


# ------------------------------------------------------------------------------------------------------------
# Performance and rankings, as the sales director
# ------------------------------------------------------------------------------------------------------------
PERFORMANCE = ('signed_amount', 'won_count', 'invoiced_amount', 'collected_amount')


def _performance(director, company):
    """This month's row of each salesperson in the director's performance report (grouped by salesperson, as
    the list and pivot show it): {user id: {measure: value}}."""
    month = datetime.date.today().replace(day=1).isoformat()
    groups = director.call('sales.performance', 'read_group',
                           [('company_id', '=', company), ('date', '=', month)],
                           list(PERFORMANCE) + ['collection_rate', 'user_id'], ['user_id'], lazy=False, context=EN)
    return {group['user_id'][0]: {name: group[name] for name in PERFORMANCE + ('collection_rate',)}
            for group in groups}


def _live_ranking(performance, measure):
    """{user id: (rank, value)} by ``measure``, largest first, ties sharing a rank: what the leaderboard is
    taken from (sales.ranking.snapshot ranks the same report's rows of the month)."""
    values = {user: row[measure] for user, row in performance.items()}
    return {user: (1 + sum(1 for other in values.values() if other > value), value)
            for user, value in values.items()}


def _take_rankings(director, company):
    """"Take Rankings Now" (the director's menu entry): opens the leaderboard; returns its latest
    collected-amount ranking of the company, {user id: (rank, value)}, and the snapshot it comes from."""
    action = director.call('sales.ranking.snapshot', 'action_take_snapshots', context=EN)
    assert action['res_model'] == 'sales.ranking.snapshot.line', action
    lines = director.call('sales.ranking.snapshot.line', 'search_read', [
        ('is_latest', '=', True), ('metric', '=', 'collected_amount'), ('company_id', '=', company)],
        fields=['snapshot_id', 'date', 'rank', 'user_id', 'value'], context=EN)
    snapshots = director.call('sales.ranking.snapshot', 'search_read', [
        ('is_latest', '=', True), ('metric', '=', 'collected_amount'), ('company_id', '=', company)],
        fields=['date'], context=EN)
    assert len(snapshots) == 1 and snapshots[0]['date'] == director.today().isoformat(), snapshots
    assert {line['snapshot_id'][0] for line in lines} <= {snapshots[0]['id']}, lines
    return snapshots[0]['id'], {line['user_id'][0]: (line['rank'], line['value']) for line in lines}


def rankings_before(people, flow):
    """Where 张伟 stands this month before the sale, in the director's report and in today's leaderboard."""
    chenjing = people.chenjing
    flow.company = _read(people.admin, 'res.users', people.zhangwei.uid, ['company_id'])['company_id'][0]
    flow.performance_before = _performance(chenjing, flow.company)
    flow.snapshot, flow.leaderboard = _take_rankings(chenjing, flow.company)
    # a salesperson cannot take the rankings
    assert 'Only a sales director' in _refused(people.zhangwei, 'sales.ranking.snapshot', 'action_take_snapshots')


def _zero_row():
    return dict.fromkeys(PERFORMANCE + ('collection_rate',), 0.0)


def rankings_after_collection(people, flow):
    """The director's report shows the signed contract, the won deal, the three invoices and the 42 000
    collected in 张伟's month; the live ranking by collected amount ranks him on the new amount. The leaderboard
    taken today stays as it was: a second take the same day adds nothing."""
    chenjing, zhangwei = people.chenjing, people.zhangwei
    before = flow.performance_before.get(zhangwei.uid, _zero_row())
    performance = _performance(chenjing, flow.company)
    row = performance[zhangwei.uid]
    assert row['signed_amount'] == before['signed_amount'] + 90000.0, (before, row)
    assert row['won_count'] == before['won_count'] + 1, (before, row)
    assert row['invoiced_amount'] == before['invoiced_amount'] + 90000.0, (before, row)
    assert row['collected_amount'] == before['collected_amount'] + 42000.0, (before, row)
    assert round(row['collection_rate'], 2) == round(100.0 * row['collected_amount'] / row['invoiced_amount'], 2)

    ranking_before = _live_ranking(flow.performance_before, 'collected_amount')
    ranking = _live_ranking(performance, 'collected_amount')
    assert ranking[zhangwei.uid][1] == before['collected_amount'] + 42000.0, ranking
    # only his collection changed: no one who was behind him or level with him is ahead of him now
    assert ranking[zhangwei.uid][0] <= ranking_before.get(zhangwei.uid, (len(ranking), 0.0))[0], \
        (ranking_before, ranking)
    for user, (rank, value) in ranking.items():
        if user != zhangwei.uid:
            assert value == flow.performance_before.get(user, _zero_row())['collected_amount'], \
                (user, flow.performance_before, ranking)

    snapshot, leaderboard = _take_rankings(chenjing, flow.company)
    assert (snapshot, leaderboard) == (flow.snapshot, flow.leaderboard), 'today\'s leaderboard changed'
    # 张伟 reads the same leaderboard (rankings are public inside the company), and cannot change it
    lines = zhangwei.call('sales.ranking.snapshot.line', 'search_read', [('snapshot_id', '=', snapshot)],
                          fields=['user_id', 'rank', 'value'])
    assert {line['user_id'][0]: (line['rank'], line['value']) for line in lines} == leaderboard
    if lines:
        assert 'cannot be changed' in _refused(zhangwei, 'sales.ranking.snapshot.line', 'write',
                                               [lines[0]['id']], {'value': 999999.0})
    flow.performance_collected = performance


def rankings_after_return(people, flow):
    """The credit note lowers what 张伟 invoiced this month by 8 600 and so raises his collection rate; nothing
    was paid back in cash, so his collected amount, the contract signed and every ranking value stay."""
    chenjing, zhangwei = people.chenjing, people.zhangwei
    collected = flow.performance_collected
    performance = _performance(chenjing, flow.company)
    row, before = performance[zhangwei.uid], collected[zhangwei.uid]
    assert row['invoiced_amount'] == before['invoiced_amount'] - 8600.0, (before, row)
    assert (row['signed_amount'], row['won_count'], row['collected_amount']) == \
        (before['signed_amount'], before['won_count'], before['collected_amount']), (before, row)
    assert row['collection_rate'] > before['collection_rate'], (before, row)
    for measure in ('signed_amount', 'collected_amount'):
        assert _live_ranking(performance, measure) == _live_ranking(collected, measure), measure
    assert _take_rankings(chenjing, flow.company) == (flow.snapshot, flow.leaderboard)


def test_lead_to_cash_as_the_real_roles(people, products, commission_rule):
    admin = people.admin
    flow = types.SimpleNamespace(
        servo=products.servo,
        project_method=admin.ref('sales_funnel.sales_method_project'),
        stages={key: admin.ref('sales_funnel.stage_project_' + key)
                for key in ('contact', 'analysis', 'proposal', 'negotiation', 'won')})
    rankings_before(people, flow)
    lead_arrives(people, flow)
    collision_check(people, flow)
    convert(people, flow)
    through_stages(people, flow)
    quotation_below_floor(people, flow, products)
    contract_signed(people, flow)
    invoices_and_payments(people, flow, commission_rule)
    rankings_after_collection(people, flow)
    return_and_credit_note(people, flow, commission_rule)
    rankings_after_return(people, flow)
