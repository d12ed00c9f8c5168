"""The loss rule of the competitor module holds over XML-RPC, as the demo salesperson 张伟: his opportunity
金陵机电 生产线自动化改造 has competitors (西门子, 汇川), so it is not lost without a reason, nor with a
"competitor wins" reason without saying which competitor won; both attempts change nothing."""
import xmlrpc.client

import pytest

EN = {'lang': 'en_US'}


def test_loss_over_rpc_needs_reason_and_winner(as_user):
    admin, zhangwei = as_user('admin'), as_user('zhangwei')
    lead = admin.ref('sales_funnel.opportunity_jinling_automation')
    too_expensive = admin.ref('crm.lost_reason_1')
    assert admin.call('crm.lead.competitor', 'search_count', [('lead_id', '=', lead)]) >= 2
    with pytest.raises(xmlrpc.client.Fault) as refused:
        zhangwei.call('crm.lead', 'write', [lead], {'active': False, 'probability': 0}, context=EN)
    assert 'Please give the reason why' in refused.value.faultString, refused.value
    with pytest.raises(xmlrpc.client.Fault) as refused:
        zhangwei.call('crm.lead', 'write', [lead], {'active': False, 'lost_reason': too_expensive}, context=EN)
    assert 'say which one won and at what price' in refused.value.faultString, refused.value
    state = admin.call('crm.lead', 'read', [lead], fields=['active', 'lost_reason'])[0]
    assert state['active'] and not state['lost_reason'], 'the refused writes changed nothing'
