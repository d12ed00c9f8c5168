"""contract_mgmt over XML-RPC as the demo users: the contract state machine holds for every call, a signed
contract changes only through an amendment, the payment plan always adds up, an instalment is invoiced once,
and the accountant 赵敏 reads contracts and plans, invoices and registers payments, but changes no term."""
import xmlrpc.client

import pytest

EN = {'lang': 'en_US'}


def _refused(client, model, method, *args, **kwargs):
    with pytest.raises(xmlrpc.client.Fault) as refused:
        client.call(model, method, *args, context=EN, **kwargs)
    return refused.value.faultString


def test_state_machine_over_rpc(as_user):
    admin, zhangwei, chenjing = as_user('admin'), as_user('zhangwei'), as_user('chenjing')
    customer = admin.ref('crm_lifecycle.customer_hangzhou')
    contract = zhangwei.call('sale.contract', 'create', {'title': 'RPC 状态机测试合同', 'partner_id': customer,
                                                         'amount_total': 60000.0}, context=EN)
    for state in ('approved', 'signed', 'executing', 'done'):
        assert 'cannot go from' in _refused(zhangwei, 'sale.contract', 'write', [contract], {'state': state})
    assert 'cannot go from' in _refused(zhangwei, 'sale.contract', 'action_sign', [contract])
    zhangwei.call('sale.contract', 'action_submit', [contract], context=EN)
    assert 'cannot approve your own contract' in _refused(zhangwei, 'sale.contract', 'action_approve', [contract])
    _refused(zhangwei, 'sale.contract', 'write', [contract], {'state': 'approved'})
    _refused(chenjing, 'sale.contract', 'write', [contract], {'state': 'approved'})
    chenjing.call('sale.contract', 'action_approve', [contract], context=EN)
    zhangwei.call('sale.contract', 'action_sign', [contract], context=EN)
    assert 'amendment' in _refused(zhangwei, 'sale.contract', 'write', [contract], {'amount_total': 1.0})
    assert 'amendment' in _refused(chenjing, 'sale.contract', 'write', [contract], {'date_end': '2030-12-31'})
    _refused(zhangwei, 'sale.contract', 'unlink', [contract])
    read = admin.call('sale.contract', 'read', [contract], fields=['state', 'amount_total', 'date_end'])[0]
    assert (read['state'], read['amount_total'], read['date_end']) == ('signed', 60000.0, False), read


def test_payment_plan_adds_up_and_invoices_once(as_user):
    admin, zhangwei, chenjing, zhaomin = (as_user(login) for login in ('admin', 'zhangwei', 'chenjing', 'zhaomin'))
    customer = admin.ref('crm_lifecycle.customer_hangzhou')
    contract = zhangwei.call('sale.contract', 'create', {'title': 'RPC 回款计划测试合同', 'partner_id': customer,
                                                         'amount_total': 90000.0}, context=EN)
    plan = [[0, 0, {'name': '预付款', 'amount': 30000.0, 'trigger': 'date', 'due_date': '2026-01-15'}],
            [0, 0, {'name': '尾款', 'amount': 50000.0, 'trigger': 'date', 'due_date': '2026-02-15'}]]
    assert 'add up to' in _refused(zhangwei, 'sale.contract', 'write', [contract], {'payment_plan_ids': plan})
    assert not admin.call('sale.payment.plan', 'search', [('contract_id', '=', contract)])
    plan[1][2]['amount'] = 60000.0
    zhangwei.call('sale.contract', 'write', [contract], {'payment_plan_ids': plan}, context=EN)
    plans = admin.call('sale.payment.plan', 'search', [('contract_id', '=', contract)], order='due_date')
    assert len(plans) == 2
    _refused(zhangwei, 'sale.payment.plan', 'write', plans[:1], {'amount': 1.0})
    _refused(zhangwei, 'sale.payment.plan', 'create', {'contract_id': contract, 'name': 'x', 'amount': 5.0,
                                                       'trigger': 'date', 'due_date': '2026-01-01'})
    zhangwei.call('sale.contract', 'action_submit', [contract], context=EN)
    chenjing.call('sale.contract', 'action_approve', [contract], context=EN)
    zhangwei.call('sale.contract', 'action_sign', [contract], context=EN)
    # the accountant: reads, invoices, registers a partial payment, changes no term
    read = zhaomin.call('sale.contract', 'read', [contract], fields=['amount_total', 'payment_plan_ids'])[0]
    assert read['amount_total'] == 90000.0 and sorted(read['payment_plan_ids']) == sorted(plans)
    _refused(zhaomin, 'sale.contract', 'write', [contract], {'terms': '<p>改</p>'})
    _refused(zhaomin, 'sale.payment.plan', 'write', plans[:1], {'amount': 1.0})
    zhaomin.call('sale.payment.plan', 'action_create_invoice', plans[:1], context=EN)
    assert 'already invoiced' in _refused(zhangwei, 'sale.payment.plan', 'action_create_invoice', plans[:1])
    invoices = admin.call('account.invoice', 'search', [('payment_plan_id', '=', plans[0])])
    assert len(invoices) == 1
    zhaomin.call('sale.payment.plan', 'register_payment', plans[:1], 10000.0, context=EN)
    first = zhaomin.call('sale.payment.plan', 'read', plans[:1],
                         fields=['payment_state', 'amount_paid', 'collection_state'])[0]
    assert (first['payment_state'], first['amount_paid'], first['collection_state']) == \
        ('partial', 10000.0, 'overdue'), first
    totals = zhangwei.call('sale.contract', 'read', [contract],
                           fields=['amount_invoiced', 'amount_collected', 'amount_receivable'])[0]
    assert (totals['amount_invoiced'], totals['amount_collected'], totals['amount_receivable']) == \
        (30000.0, 10000.0, 20000.0), totals


def test_colleague_sees_no_contract_of_mine(as_user):
    admin, lina = as_user('admin'), as_user('lina')
    contract = admin.ref('contract_mgmt.contract_hangzhou_servo')
    assert not lina.call('sale.contract', 'search', [('id', '=', contract)])
    assert not lina.call('sale.payment.plan', 'search', [('contract_id', '=', contract)])
    _refused(lina, 'sale.contract', 'read', [contract], fields=['amount_total'])
