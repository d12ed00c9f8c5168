"""aftersales_returns × sales_team_mgmt over XML-RPC: a refunded return's credit note takes the commission
back from the salesperson of the order, exactly once, and the contract-free order's invoiced figures follow.

The after-sales agent 吴霞 records the return, the after-sales manager 钱军 approves and refunds it; the
salesperson 李娜 sees the negative commission line in her own commission, the director 陈静 sees it too."""
import pytest

EN = {'lang': 'en_US'}


@pytest.fixture
def commission_rule(as_user):
    """A 3 % collected-amount rule for 李娜 alone, so the test counts only its own lines."""
    admin = as_user('admin')
    lina = as_user('lina')
    company = admin.call('res.users', 'read', [lina.uid], fields=['company_id'])[0]['company_id'][0]
    rule = admin.call('sales.commission.rule', 'create', {
        'name': 'RPC 退货冲减提成', 'company_id': company, 'applies_to': 'user', 'user_id': lina.uid,
        'base': 'collected', 'rate': 3.0})
    yield rule
    admin.call('sales.commission.rule', 'write', [rule], {'active': False})


def test_credit_note_of_a_return_takes_commission_back_once(as_user, commission_rule):
    admin, wuxia, qianjun = as_user('admin'), as_user('wuxia'), as_user('qianjun')
    lina, chenjing, zhangwei = as_user('lina'), as_user('chenjing'), as_user('zhangwei')
    order = admin.ref('aftersales_returns.demo_order_guangzhou')
    order_line = admin.ref('aftersales_returns.demo_order_guangzhou_sensor')
    invoiced_before = admin.call('sale.order.line', 'read', [order_line], fields=['qty_invoiced'])[0]['qty_invoiced']

    request = wuxia.call('aftersales.return', 'create', {
        'partner_id': admin.ref('crm_lifecycle.customer_guangzhou'), 'sale_order_id': order,
        'reason_id': admin.ref('aftersales_returns.return_reason_wrong_goods'),
        'description': 'RPC 测试：5 只传感器型号不符',
        'line_ids': [[0, 0, {'sale_line_id': order_line, 'quantity': 5}]]}, context=EN)
    qianjun.call('aftersales.return', 'action_approve', [request], context=EN)
    wuxia.call('aftersales.return', 'action_receive', [request], context=EN)
    qianjun.call('aftersales.return', 'action_refund', [request], context=EN)

    refunds = admin.call('account.invoice', 'search_read', [('return_id', '=', request)],
                         fields=['type', 'state', 'amount_total', 'user_id'])
    assert len(refunds) == 1, refunds
    refund = refunds[0]
    assert (refund['type'], refund['state'], refund['user_id'][0]) == ('out_refund', 'open', lina.uid), refund
    assert refund['amount_total'] > 0
    line_after = admin.call('sale.order.line', 'read', [order_line], fields=['qty_invoiced'])[0]
    assert line_after['qty_invoiced'] == invoiced_before - 5, 'the credit note lowers what the order invoiced'

    domain = [('invoice_id', '=', refund['id']), ('rule_id', '=', commission_rule)]
    fields = ['user_id', 'collected_amount', 'base_amount']
    lines = lina.call('sales.commission.line', 'search_read', domain, fields=fields)
    assert len(lines) == 1, lines
    assert lines[0]['user_id'][0] == lina.uid
    assert lines[0]['collected_amount'] == pytest.approx(-refund['amount_total'])
    assert lines[0]['base_amount'] == pytest.approx(-refund['amount_total'])

    # the daily scheduled action recomputes the last month: it finds the credit note recorded, adds nothing
    cron = admin.ref('sales_team_mgmt.cron_sales_commission_compute')
    admin.call('ir.cron', 'method_direct_trigger', [cron])
    assert admin.call('sales.commission.line', 'search_count', domain) == 1
    # the director sees it; another salesperson does not
    assert chenjing.call('sales.commission.line', 'search_count', domain) == 1
    assert zhangwei.call('sales.commission.line', 'search_count', domain) == 0
