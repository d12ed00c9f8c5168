"""Two companies in the web client (issue 11, point 3, over the UI): the sales directors of company A (陈静) and
of company B (周涛, see test_multi_company_rpc) search the customers and opportunities of their company in
全部客户 and the pipeline; neither finds the other company's, each finds his own."""
from selenium.webdriver.common.by import By

from test_multi_company_rpc import _records_of_b, company_a, company_b  # noqa: F401 (fixtures)

NAME = {'res.partner': 'name', 'crm.lead': 'name'}


def _names(admin, records):
    return {model: admin.call(model, 'read', [records[model]], fields=[NAME[model]])[0][NAME[model]]
            for model in NAME}


def _listed(web, text):
    """The rows of the list in view after searching ``text``."""
    web.search(text)
    web.find('.o_searchview .o_searchview_facet')
    web.idle()
    return [row.text for row in web.driver.find_elements(By.CSS_SELECTOR, '.o_list_view .o_data_row')]


def _clear_search(web):
    for remove in web.driver.find_elements(By.CSS_SELECTOR, '.o_searchview .o_facet_remove'):
        web.click(remove)
    web.idle()


def _opportunities_list(web):
    web.menu('crm.crm_menu_root')
    web.menu('crm.menu_crm_opportunities')
    web.click(web.find('.o_cp_switch_list'))
    _clear_search(web)  # not only "my pipeline": everything the director may see
    web.find('.o_list_view')


def test_directors_see_only_their_companys_records(web, as_user, company_a, company_b):  # noqa: F811
    admin = as_user('admin')
    mine_b = _names(admin, _records_of_b(admin, company_b))
    a_customer = admin.call('res.partner', 'search_read', [
        ('company_id', '=', company_a), ('customer', '=', True), ('is_company', '=', True),
        ('name', 'like', '有限公司')], fields=['name'], limit=1)[0]['name']
    a_lead = admin.call('crm.lead', 'search_read', [('company_id', '=', company_a), ('type', '=', 'opportunity')],
                        fields=['name'], limit=1)[0]['name']

    web.login('mc_b_director')
    with web.step('company_b_customers'):
        web.menu('crm.crm_menu_root')
        web.menu('crm_lifecycle.menu_crm_all_customers')
        assert not [row for row in _listed(web, a_customer) if a_customer in row], \
            'company B\'s director finds company A\'s customer %s' % a_customer
        _clear_search(web)
        assert [row for row in _listed(web, mine_b['res.partner']) if mine_b['res.partner'] in row]
    with web.step('company_b_opportunities'):
        _opportunities_list(web)
        assert not [row for row in _listed(web, a_lead) if a_lead in row]
        _clear_search(web)
        assert [row for row in _listed(web, mine_b['crm.lead']) if mine_b['crm.lead'] in row]
    web.logout()

    web.login('chenjing')
    with web.step('company_a_customers'):
        web.menu('crm.crm_menu_root')
        web.menu('crm_lifecycle.menu_crm_all_customers')
        assert not [row for row in _listed(web, mine_b['res.partner']) if mine_b['res.partner'] in row], \
            'company A\'s director finds company B\'s customer'
        _clear_search(web)
        assert [row for row in _listed(web, a_customer) if a_customer in row]
    with web.step('company_a_opportunities'):
        _opportunities_list(web)
        assert not [row for row in _listed(web, mine_b['crm.lead']) if mine_b['crm.lead'] in row]
