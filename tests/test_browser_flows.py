"""The suite in a real browser, in Chinese, as its users work (issue 11, point 2).

Headless Chromium drives the web client (zh_CN, the demo users' language):
- 张伟 (salesperson) claims a customer from the public pool 公海, creates an opportunity in the pipeline of the
  sales method 快速交易, drags it across the kanban stages, completes a stage task, creates a quotation and
  prints it;
- 赵敏 (accountant) registers the payment of a contract instalment's invoice;
- 陈静 (director) opens the sales console, a quotation waiting for price approval and a contract with its
  payment plan.
Each step asserts what is on screen, saves a screenshot to $ARTIFACTS/screenshots (NN_<step>.png) and fails on
an error dialog or a SEVERE entry of the browser console. The records the test works on are its own (created
over XML-RPC as the users would): the demo records it opens are only read.
"""
import time

import requests
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By

EN = {'lang': 'en_US'}


def _unique(admin, model, field, value):
    """``value``, or with a suffix if a record of an earlier run on this database already has it."""
    if admin.call(model, 'search', [(field, '=', value)], context={'active_test': False}):
        value = '%s %s' % (value, time.strftime('%H%M%S'))
    return value


def _card_in(web, column_title, text, timeout=30):
    def found(driver):
        for column in driver.find_elements(By.CSS_SELECTOR, '.o_kanban_group'):
            header = column.find_elements(By.CSS_SELECTOR, '.o_column_title')
            if header and header[0].text.strip() == column_title:
                for card in column.find_elements(By.CSS_SELECTOR, '.o_kanban_record'):
                    if text in card.text:
                        return card
        return False
    return web.wait(found, timeout, 'no card %r in column %r' % (text, column_title))


def _drag_card(web, card, column_title):
    """Drag a kanban card into another column with the mouse (jQuery UI sortable of Odoo 11 listens to
    mousedown/mousemove/mouseup: press, move in small steps, release over the target column)."""
    target = None
    for column in web.driver.find_elements(By.CSS_SELECTOR, '.o_kanban_group'):
        header = column.find_elements(By.CSS_SELECTOR, '.o_column_title')
        if header and header[0].text.strip() == column_title:
            target = column
    assert target is not None, 'no column %s' % column_title
    chain = ActionChains(web.driver)
    chain.click_and_hold(card).move_by_offset(5, 5)
    dx = target.location['x'] + 60 - card.location['x']
    dy = target.location['y'] + 80 - card.location['y']
    for _step in range(10):
        chain.move_by_offset(dx / 10.0, dy / 10.0)
    chain.move_to_element(target).pause(0.3).release().perform()
    web.idle()


def test_salesperson_from_pool_to_printed_quotation(web, as_user):
    admin, zhangwei = as_user('admin'), as_user('zhangwei')
    customer_name = _unique(admin, 'res.partner', 'name', '台州椒江精工泵业有限公司')
    customer = admin.call('res.partner', 'create', {
        'name': customer_name, 'is_company': True, 'customer': True, 'user_id': False, 'city': '台州',
        'phone': '0576-8866 %s' % time.strftime('%M%S'), 'team_id': admin.ref('crm_lifecycle.team_east_china')})
    assert admin.call('res.partner', 'read', [customer], fields=['in_public_pool'])[0]['in_public_pool']
    opportunity_name = _unique(admin, 'crm.lead', 'name', '椒江泵业 装配线伺服改造')

    web.login('zhangwei')
    with web.step('pool_zhangwei'):
        web.menu('crm.crm_menu_root')
        web.menu('crm_lifecycle.menu_crm_public_pool')
        assert web.find('.o_control_panel .breadcrumb').text.strip() == '公海客户'
        web.search('有限公司')  # the Chinese companies (Odoo's own demo adds a few foreign ones)
        web.find('.o_searchview .o_searchview_facet')
        web.find_text('.o_list_view .o_data_row', customer_name)
    with web.step('pool_claim'):
        web.click(web.find_text('.o_list_view .o_data_row', customer_name))
        web.field_shows('name', customer_name)
        web.click_button('领取', '//div[contains(@class, "o_form_statusbar")]')
        web.wait(lambda d: not [b for b in d.find_elements(
            By.XPATH, '//div[contains(@class, "o_form_statusbar")]//button[normalize-space(.)="领取"]')
            if b.is_displayed()], 10, 'the Claim button is still shown')
        # his now: the header offers to release it back to the pool
        web.button('释放到公海', '//div[contains(@class, "o_form_statusbar")]')
    assert zhangwei.call('res.partner', 'read', [customer], fields=['user_id'])[0]['user_id'][0] == zhangwei.uid

    with web.step('pipeline_quick_deal'):
        web.menu('sales_funnel.menu_crm_pipelines_by_method')
        method_card = web.find_text('.o_kanban_record', '快速交易')
        web.click(method_card.find_element(By.CSS_SELECTOR, 'button[data-name="action_open_pipeline"]'))
        web.find('.o_opportunity_kanban .o_kanban_group .o_column_title')
        titles = [t.text.strip() for t in web.driver.find_elements(By.CSS_SELECTOR, '.o_kanban_group .o_column_title')]
        assert titles[:3] == ['意向确认', '报价', '签约'], titles
    with web.step('opportunity_create'):
        web.click(web.find('.o-kanban-button-new'))
        web.find_text('.modal .modal-title', '创建商机')
        web.fill('name', opportunity_name, '.modal')
        web.many2one('partner_id', customer_name)
        web.fill('planned_revenue', '168000', '.modal')
        web.click_button('创建', '//div[contains(@class, "modal-footer")]')
        card = _card_in(web, '意向确认', opportunity_name)
        assert customer_name in card.text
    lead = zhangwei.call('crm.lead', 'search', [('name', '=', opportunity_name)])
    assert len(lead) == 1
    lead = lead[0]

    with web.step('pipeline_drag_to_quote'):
        _drag_card(web, _card_in(web, '意向确认', opportunity_name), '报价')
        _card_in(web, '报价', opportunity_name)
    with web.step('quotation_new'):
        web.click(_card_in(web, '报价', opportunity_name))
        web.field_shows('name', opportunity_name)
        web.click_button('新报价单', '//div[contains(@class, "o_form_statusbar")]')
        web.field_shows('partner_id', customer_name)
        web.click(web.find('.o_field_widget[name="order_line"] .o_field_x2many_list_row_add a'))
        web.many2one('product_id', '伺服电机')
        web.field_shows('name', '伺服电机', '.o_field_widget[name="order_line"] .o_data_row')
        web.fill('product_uom_qty', '10', '.o_field_widget[name="order_line"] .o_data_row')
        web.idle()
        web.click(web.find('.o_form_button_save'))
        web.find('.o_form_view.o_form_readonly')
        web.find_text('.o_form_view .o_field_widget[name="order_line"]', '伺服电机')
    order = zhangwei.call('sale.order', 'search', [('opportunity_id', '=', lead)])
    assert len(order) == 1, order
    order = order[0]
    with web.step('quotation_print'):
        web.click_button('打印', '//div[contains(@class, "o_form_statusbar")]')
        pdf = web.downloaded('.pdf')
        with open(pdf, 'rb') as printed:
            assert printed.read(5) == b'%PDF-'
    # the same report over the user's web session: the PDF of this quotation
    session = requests.Session()
    session.cookies.set('session_id', web.driver.get_cookie('session_id')['value'])
    response = session.get('%s/report/pdf/quote_pricing.report_quotation/%d' % (web.url, order), timeout=120)
    assert response.status_code == 200 and response.headers['Content-Type'] == 'application/pdf', response.headers

    with web.step('stage_task_document'):
        web.click(web.find('.o_control_panel .breadcrumb li:nth-last-child(2) a'))
        web.field_shows('name', opportunity_name)
        web.click(web.find('.o_form_button_edit'))
        web.click(web.find_text('.o_notebook .nav-tabs a', '阶段任务'))
        web.click(web.find_text('.o_field_widget[name="stage_task_ids"] .o_data_row', '发送报价单'))
        web.field_shows('name', '发送报价单', '.modal')
        upload = web.find('.modal .o_field_widget[name="attachment_ids"] input[type="file"]', visible=False)
        upload.send_keys(pdf)
        # uploaded (an iframe post, not an RPC): the file is listed with its delete link (its name shows in the
        # tile only on some renderings; the record's attachment is checked over RPC once the task is done)
        web.find('.modal .o_field_widget[name="attachment_ids"] .oe_attachment a.oe_delete', timeout=60)
        web.click_button('保存', '//div[contains(@class, "modal-footer")]')
        web.click(web.find('.o_form_button_save'))
        web.find('.o_form_view.o_form_readonly')
    with web.step('stage_task_done'):
        row = web.find_text('.o_field_widget[name="stage_task_ids"] .o_data_row', '发送报价单')
        web.click(row.find_element(By.CSS_SELECTOR, 'td.o_list_button button'))
        web.wait(lambda d: '张伟' in web.find_text(
            '.o_field_widget[name="stage_task_ids"] .o_data_row', '发送报价单').text, 30,
            'the task does not show who completed it')
    task = zhangwei.call('crm.lead.stage.task', 'search_read', [('lead_id', '=', lead), ('name', '=', '发送报价单')],
                         fields=['done', 'done_user_id', 'attachment_ids'])
    assert task and task[0]['done'] and task[0]['done_user_id'][0] == zhangwei.uid, task
    names = [a['name'] for a in admin.call('ir.attachment', 'read', task[0]['attachment_ids'], fields=['name'])]
    assert [name for name in names if name.endswith('.pdf')], 'no printed quotation on the task: %s' % names

    with web.step('pipeline_drag_to_signing'):
        web.click(web.find('.o_control_panel .breadcrumb li:nth-last-child(2) a'))
        _drag_card(web, _card_in(web, '报价', opportunity_name), '签约')
        _card_in(web, '签约', opportunity_name)
    read = zhangwei.call('crm.lead', 'read', [lead], fields=['stage_id'], context=EN)[0]
    assert read['stage_id'][0] == admin.ref('sales_funnel.stage_quick_signing'), read

    with web.step('sales_console_zhangwei'):
        web.menu('sale.sale_menu_root')
        web.menu('sales_team_mgmt.menu_sales_console')
        web.field_shows('user_id', '张伟')
        pipeline = web.find('.o_form_view .o_field_widget[name="pipeline_html"]').text
        assert '签约' in pipeline, 'his new opportunity is not in the console: %s' % pipeline


def _signed_contract_with_invoiced_instalment(as_user):
    """A contract of 张伟 in three instalments, approved by 陈静 and signed; 赵敏 invoiced the first one."""
    admin, zhangwei, chenjing, zhaomin = (as_user(login) for login in ('admin', 'zhangwei', 'chenjing', 'zhaomin'))
    title = _unique(admin, 'sale.contract', 'title', '椒江泵业 伺服系统设备采购合同')
    contract = zhangwei.call('sale.contract', 'create', {
        'title': title, 'partner_id': admin.ref('crm_lifecycle.customer_hangzhou'), 'amount_total': 90000.0,
        'payment_plan_ids': [
            (0, 0, {'name': '预付款', 'amount': 27000.0, 'trigger': 'date', 'due_date': '2026-11-20'}),
            (0, 0, {'name': '发货款', 'amount': 54000.0, 'trigger': 'date', 'due_date': '2027-01-20'}),
            (0, 0, {'name': '验收款', 'amount': 9000.0, 'trigger': 'date', 'due_date': '2027-03-20'})]},
        context=EN)
    zhangwei.call('sale.contract', 'action_submit', [contract], context=EN)
    chenjing.call('sale.contract', 'action_approve', [contract], context=EN)
    zhangwei.call('sale.contract', 'action_sign', [contract], context=EN)
    plans = admin.call('sale.payment.plan', 'search', [('contract_id', '=', contract)], order='sequence, id')
    assert len(plans) == 3
    zhaomin.call('sale.payment.plan', 'action_create_invoice', plans[:1])  # in her language: Chinese lines
    invoice = admin.call('account.invoice', 'search_read', [('payment_plan_id', '=', plans[0])],
                         fields=['state', 'number', 'residual'])
    assert len(invoice) == 1 and invoice[0]['state'] == 'open', invoice
    return contract, plans[0], invoice[0]


def test_accountant_registers_instalment_payment(web, as_user):
    contract, plan, invoice = _signed_contract_with_invoiced_instalment(as_user)
    zhaomin = as_user('zhaomin')
    web.login('zhaomin')
    with web.step('invoice_instalment_zhaomin'):
        web.open_record('account.invoice', invoice['id'], action='account.action_invoice_tree1')
        web.field_shows('partner_id', '西湖智能')
        assert '27,000.00' in web.text('.o_form_view .o_field_widget[name="residual"]')
        web.find_text('.o_statusbar_status .btn-primary', '开启')
    with web.step('invoice_register_payment'):
        web.click_button('登记付款', '//div[contains(@class, "o_form_statusbar")]')
        web.find_text('.modal .modal-title', '登记付款')
        web.field_shows('amount', '27,000.00', '.modal')
        web.screenshot('invoice_register_payment_wizard')
        web.click_button('审核', '//div[contains(@class, "modal-footer")]')
        web.wait(lambda d: not d.find_elements(By.CSS_SELECTOR, '.modal .o_form_view'), 30, 'the wizard stays open')
        web.find_text('.o_statusbar_status .btn-primary', '已付款')
    read = zhaomin.call('sale.payment.plan', 'read', [plan], fields=['payment_state', 'amount_paid'])[0]
    assert (read['payment_state'], read['amount_paid']) == ('paid', 27000.0), read
    totals = zhaomin.call('sale.contract', 'read', [contract], fields=['amount_collected', 'amount_receivable'])[0]
    assert (totals['amount_collected'], totals['amount_receivable']) == (27000.0, 0.0), totals


def test_director_console_quote_approval_and_payment_plan(web, as_user):
    admin = as_user('admin')
    web.login('chenjing')
    with web.step('sales_console_chenjing'):
        web.menu('sale.sale_menu_root')
        web.menu('sales_team_mgmt.menu_sales_console')
        web.find('.o_form_view')
        assert web.find('.o_control_panel .breadcrumb').text.strip() == '陈静'  # her own console
        web.field_shows('user_id', '陈静')
        sheet = web.text('.o_form_view')
        for label in ('各阶段管道', '回款计划', '目标与达成'):
            assert label in sheet, '%s is not on the console' % label
    with web.step('sales_console_team_chenjing'):
        # she leads the sales department: the console of her teams (an onchange of the scope in the form)
        web.click(web.find('.o_form_button_edit'))
        web.click(web.find_text('.o_field_widget[name="scope"] .o_radio_item', '我的团队').find_element(
            By.CSS_SELECTOR, 'input'))
        web.wait(lambda d: '没有未结商机' not in web.text('.o_form_view'), 30, 'no open opportunity of her teams')
        web.click(web.find('.o_form_button_save'))
        web.find('.o_form_view.o_form_readonly')
        pipeline = web.find('.o_form_view .o_field_widget[name="pipeline_html"]').text
        for stage in ('需求分析', '商务谈判'):
            assert stage in pipeline, 'the pipeline of her teams has no %s: %s' % (stage, pipeline)
    with web.step('quote_price_approval_chenjing'):
        web.open_record('sale.order', admin.ref('quote_pricing.sale_order_guangzhou'), action='sale.action_quotations')
        web.find_text('.alert-info', '此报价单的价格正在等待审批。')
        web.click(web.find_text('.o_notebook .nav-tabs a', '价格审批'))
        web.find('.o_form_view .tab-pane.active .o_field_widget[name="review_ids"] .o_data_row')
    with web.step('contract_payment_plan_chenjing'):
        web.open_record('sale.contract', admin.ref('contract_mgmt.contract_hangzhou_servo'),
                        action='contract_mgmt.sale_contract_action')
        web.field_shows('title', '伺服系统改造项目设备采购合同')
        web.click(web.find_text('.o_notebook .nav-tabs a', '回款计划'))
        plan = web.find_text('.o_form_view .tab-pane.active', '预付款').text
        web.driver.execute_script('arguments[0].scrollIntoView({block: "end"});', web.find(
            '.o_form_view .tab-pane.active .o_field_widget[name="payment_plan_ids"]'))
        for instalment in ('发货款', '验收款'):
            assert instalment in plan, plan
