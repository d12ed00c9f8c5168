"""Quotation versions hold over XML-RPC, as the demo salesperson 张伟: the demo quotation of 杭州西湖智能科技
was sent as v1 and revised into v2. v1 cannot be changed (not even with the revision mechanism's context key,
which RPC can send) nor confirmed; v2 lists it and shows what changed."""
import xmlrpc.client

import pytest

EN = {'lang': 'en_US'}


def test_previous_version_is_read_only_over_rpc(as_user):
    admin, zhangwei = as_user('admin'), as_user('zhangwei')
    v1 = admin.ref('quote_pricing.sale_order_hangzhou_v1')
    before = admin.call('sale.order', 'read', [v1], fields=['state', 'active', 'note', 'current_revision_id'],
                        context=dict(EN, active_test=False))[0]
    assert (before['state'], before['active']) == ('cancel', False)
    v2 = before['current_revision_id'][0]
    for context in (EN, dict(EN, quote_revision_mechanism=True)):
        with pytest.raises(xmlrpc.client.Fault) as refused:
            zhangwei.call('sale.order', 'write', [v1], {'note': '改过的条款', 'state': 'draft'}, context=context)
        assert 'previous versions cannot be changed' in refused.value.faultString, refused.value
    with pytest.raises(xmlrpc.client.Fault) as refused:
        zhangwei.call('sale.order', 'action_confirm', [v1], context=EN)
    assert 'can be confirmed' in refused.value.faultString, refused.value
    after = admin.call('sale.order', 'read', [v1], fields=['state', 'active', 'note'],
                       context=dict(EN, active_test=False))[0]
    assert (after['state'], after['active'], after['note']) == ('cancel', False, before['note'])

    current = zhangwei.call('sale.order', 'read', [v2],
                            fields=['quote_version_label', 'old_revision_ids', 'quote_version_changes',
                                    'quote_print_template'], context=EN)[0]
    assert current['quote_version_label'] == 'v2'
    assert current['old_revision_ids'] == [v1]
    assert '变频器 7.5kW' in current['quote_version_changes'].split('o_quote_version_added')[1]
    assert current['quote_print_template'] == 'images'
