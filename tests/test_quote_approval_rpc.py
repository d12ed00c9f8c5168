"""The price approval of quote_pricing holds over XML-RPC as the demo salesperson 李娜: her 珠江五金 quotation has the
inverter below its floor price and waits for a team lead's approval; she can neither confirm it, nor send it,
nor approve it herself by any call; the team lead 刘洋 is one of its reviewers."""
import xmlrpc.client

import pytest

EN = {'lang': 'en_US'}


def test_salesperson_cannot_pass_the_price_approval(as_user):
    admin, lina = as_user('admin'), as_user('lina')
    order = admin.ref('quote_pricing.sale_order_guangzhou')
    state = admin.call('sale.order', 'read', [order], fields=['state', 'price_approval_state', 'reviewer_ids'])[0]
    assert state['price_approval_state'] == 'to_approve', state
    for method in ('action_confirm', 'action_quotation_send', 'print_quotation'):
        with pytest.raises(xmlrpc.client.Fault) as refused:
            lina.call('sale.order', method, [order], context=EN)
        assert 'needs approval' in refused.value.faultString, (method, refused.value)
    with pytest.raises(xmlrpc.client.Fault) as refused:
        lina.call('sale.order', 'write', [order], {'price_approval_state': 'approved'}, context=EN)
    assert 'only through its buttons' in refused.value.faultString, refused.value
    reviews = admin.call('tier.review', 'search', [('model', '=', 'sale.order'), ('res_id', '=', order)])
    with pytest.raises(xmlrpc.client.Fault):
        lina.call('tier.review', 'write', reviews, {'status': 'approved'}, context=EN)
    after = admin.call('sale.order', 'read', [order], fields=['state', 'price_approval_state'])[0]
    assert (after['state'], after['price_approval_state']) == (state['state'], 'to_approve'), after
    liuyang = admin.call('res.users', 'search', [('login', '=', 'liuyang')])[0]
    assert liuyang in state['reviewer_ids'], 'the team lead is a reviewer'
