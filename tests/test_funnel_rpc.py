"""The opportunity rules of sales_funnel hold over XML-RPC, as the demo users.

Who sees which opportunity (salesperson: his own and the unassigned ones; team lead: also his team's;
sales director: all), that a salesperson cannot give his opportunity to a colleague, that a strict sales
method refuses skipping a stage, and that the stage history is as private as its opportunity. The demo
records are found by their xml ids; the refused writes change nothing."""
import types
import xmlrpc.client

import pytest

ALL = {'active_test': False}  # lost opportunities are archived: they count too
EN = {'lang': 'en_US'}


@pytest.fixture(scope='module')
def demo(as_user):
    admin = as_user('admin')

    def xmlid(name):
        res_id = admin.call('ir.model.data', 'xmlid_to_res_id', name)
        assert res_id, 'no record %s in the demo data' % name
        return res_id
    ids = {name: xmlid(name) for name in (
        'crm_lifecycle.user_salesperson_east', 'crm_lifecycle.user_salesperson_south',
        'crm_lifecycle.user_salesperson_north', 'crm_lifecycle.user_team_lead',
        'sales_funnel.opportunity_jinling_automation', 'sales_funnel.opportunity_guangzhou_maintenance',
        'sales_funnel.stage_project_analysis', 'sales_funnel.stage_project_negotiation',
        'sales_funnel.sales_method_project')}
    return types.SimpleNamespace(
        admin=admin,
        zhangwei=ids['crm_lifecycle.user_salesperson_east'],
        lina=ids['crm_lifecycle.user_salesperson_south'],
        wangfang=ids['crm_lifecycle.user_salesperson_north'],
        liuyang=ids['crm_lifecycle.user_team_lead'],
        jinling=ids['sales_funnel.opportunity_jinling_automation'],  # 张伟's, 项目型销售 at 需求分析
        guangzhou=ids['sales_funnel.opportunity_guangzhou_maintenance'],  # 李娜's
        analysis=ids['sales_funnel.stage_project_analysis'],
        negotiation=ids['sales_funnel.stage_project_negotiation'],
        project_method=ids['sales_funnel.sales_method_project'],
    )


def opportunities(client, domain=()):
    return set(client.call('crm.lead', 'search', [('type', '=', 'opportunity')] + list(domain), context=ALL))


def test_salesperson_sees_his_own_unassigned_and_collaborated_opportunities_only(as_user, demo):
    admin = demo.admin
    own = opportunities(admin, [('user_id', '=', demo.zhangwei)])
    unassigned = opportunities(admin, [('user_id', '=', False)])
    collaborated = opportunities(admin, [('collaborator_ids.user_id', '=', demo.zhangwei)])
    colleagues = opportunities(admin, [('user_id', 'in', [demo.lina, demo.wangfang])]) - collaborated
    assert own and unassigned and colleagues and collaborated, 'the demo needs opportunities of each kind'

    zhangwei = as_user('zhangwei')
    seen = opportunities(zhangwei)
    assert own <= seen, 'he misses some of his own opportunities'
    assert unassigned <= seen, 'he misses unassigned opportunities he could claim'
    assert collaborated <= seen, 'he misses the opportunities of his collaboration teams'
    assert not seen & colleagues, 'he sees opportunities of 李娜 or 王芳 he does not collaborate on'
    assert seen == own | unassigned | collaborated
    # nor can he open one of them by id
    with pytest.raises(xmlrpc.client.Fault) as refused:
        zhangwei.call('crm.lead', 'read', [demo.guangzhou], fields=['name'], context=EN)
    assert refused.value.faultCode == 4 and 'crm.lead' in refused.value.faultString, refused.value


def test_salesperson_cannot_give_his_opportunity_to_a_colleague(as_user, demo):
    zhangwei = as_user('zhangwei')
    with pytest.raises(xmlrpc.client.Fault) as refused:
        zhangwei.call('crm.lead', 'write', [demo.jinling], {'user_id': demo.lina}, context=EN)
    assert 'Only team leads and sales managers may give opportunities to someone else' in refused.value.faultString, \
        refused.value
    owner = demo.admin.call('crm.lead', 'read', [demo.jinling], fields=['user_id'])[0]['user_id']
    assert owner[0] == demo.zhangwei


def test_strict_method_refuses_skipping_a_stage(as_user, demo):
    admin, zhangwei = demo.admin, as_user('zhangwei')
    lead = admin.call('crm.lead', 'read', [demo.jinling], fields=['stage_id', 'sales_method_id'])[0]
    assert lead['sales_method_id'][0] == demo.project_method and lead['stage_id'][0] == demo.analysis
    history = admin.call('crm.lead.stage.history', 'search_count', [('lead_id', '=', demo.jinling)])
    # 需求分析 → 商务谈判 skips 方案报价
    with pytest.raises(xmlrpc.client.Fault) as refused:
        zhangwei.call('crm.lead', 'write', [demo.jinling], {'stage_id': demo.negotiation}, context=EN)
    message = refused.value.faultString
    assert 'it skips "方案报价"' in message and 'The sales method "项目型销售" is strict' in message, message
    assert admin.call('crm.lead', 'read', [demo.jinling], fields=['stage_id'])[0]['stage_id'][0] == demo.analysis
    assert admin.call('crm.lead.stage.history', 'search_count', [('lead_id', '=', demo.jinling)]) == history


def test_stage_history_is_as_private_as_its_opportunity(as_user, demo):
    admin, zhangwei = demo.admin, as_user('zhangwei')
    lina_rows = admin.call('crm.lead.stage.history', 'search', [('lead_id', '=', demo.guangzhou)])
    own_rows = admin.call('crm.lead.stage.history', 'search', [('lead_id', '=', demo.jinling)])
    assert lina_rows and own_rows, 'the demo opportunities have a stage history'
    assert zhangwei.call('crm.lead.stage.history', 'search_read', [('lead_id', '=', demo.guangzhou)],
                         fields=['event']) == []
    with pytest.raises(xmlrpc.client.Fault) as refused:
        zhangwei.call('crm.lead.stage.history', 'read', lina_rows, fields=['event'], context=EN)
    assert refused.value.faultCode == 4 and 'crm.lead.stage.history' in refused.value.faultString, refused.value
    assert set(zhangwei.call('crm.lead.stage.history', 'search', [('lead_id', '=', demo.jinling)])) == set(own_rows)
    lina = as_user('lina')
    assert set(lina.call('crm.lead.stage.history', 'search', [('lead_id', '=', demo.guangzhou)])) == set(lina_rows)


def test_team_lead_sees_his_team_but_not_other_teams(as_user, demo):
    admin, liuyang = demo.admin, as_user('liuyang')
    team = opportunities(admin, [('user_id', '=', demo.zhangwei)])
    assert opportunities(liuyang, [('user_id', '=', demo.zhangwei)]) == team
    assert opportunities(admin, [('user_id', '=', demo.lina)]), 'the demo needs opportunities of 李娜'
    assert opportunities(liuyang, [('user_id', '=', demo.lina)]) == set()


def test_sales_director_sees_every_opportunity(as_user, demo):
    chenjing = as_user('chenjing')
    # every opportunity of her company (another company's, e.g. of the multi-company tests, are not hers)
    company = chenjing.call('res.users', 'read', [chenjing.uid], fields=['company_id'])[0]['company_id'][0]
    everything = opportunities(demo.admin, ['|', ('company_id', '=', company), ('company_id', '=', False)])
    assert opportunities(chenjing) == everything
    owners = {lead['user_id'] and lead['user_id'][0] for lead in demo.admin.call(
        'crm.lead', 'read', sorted(everything), fields=['user_id'], context=ALL)}
    assert {demo.zhangwei, demo.lina, demo.wangfang, demo.liuyang, False} <= owners
