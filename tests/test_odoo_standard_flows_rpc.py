"""Odoo stays Odoo (issue 11, point 5): with our seven modules installed, a user who uses none of their features
runs Odoo's own flows over XML-RPC and sees Odoo's own states at every step.

The user is a plain one made here with Odoo's standard groups only (sales, billing, inventory, purchase), no
sales team, no floor prices, no approval tiers, no payment plan, no contract: quotation → confirmed order →
delivery validated → invoice created from the order and validated → payment registered → invoice paid; a lead
created, converted and won; a purchase order confirmed and received. Our overrides of res.partner, crm.lead,
sale.order, account.invoice and stock.picking must leave all of it as Odoo does it."""
import types

import pytest

EN = {'lang': 'en_US'}


def _read(client, model, record_id, fields):
    return client.call(model, 'read', [record_id], fields=fields, context=EN)[0]


STANDARD_GROUPS = ('sales_team.group_sale_salesman_all_leads', 'account.group_account_invoice',
                   'stock.group_stock_user', 'purchase.group_purchase_user')
COMPANY_ADMIN_GROUPS = ('base.group_system', 'base.group_erp_manager', 'sales_team.group_sale_manager',
                        'account.group_account_manager',
                        'account.group_account_user',
                        'stock.group_stock_manager', 'purchase.group_purchase_manager')


def _user(admin, login, name, groups, **values):
    """The user ``login`` (password = login) with Odoo's ``groups`` only; made again if a run left him."""
    # with an e-mail address, as Odoo wants of anyone who posts in a chatter (creating a record does)
    values = dict(values, name=name, login=login, password=login, email='%s@example.cn' % login,
                  groups_id=[(6, 0, [admin.ref(xmlid) for xmlid in groups])])
    found = admin.call('res.users', 'search', [('login', '=', login)], context={'active_test': False})
    if found:
        admin.call('res.users', 'write', found, dict(values, active=True))
        return found[0]
    return admin.call('res.users', 'create', values)


def _own_company(admin, as_user):
    """A company of its own, 杭州标准贸易有限公司, set up by its administrator 孙标准 as any new Odoo company is:
    the chart of accounts of the first company (its bank and cash journals come with it); no setting of ours."""
    name = '标准流程测试 杭州标准贸易有限公司'
    company = (admin.call('res.company', 'search', [('name', '=', name)]) or
               [admin.call('res.company', 'create', {'name': name, 'city': '杭州'})])[0]
    login = 'e2e_company_admin'
    _user(admin, login, '孙标准', COMPANY_ADMIN_GROUPS, company_id=company, company_ids=[(6, 0, [company])])
    user = as_user(login, login)
    if not _read(user, 'res.company', company, ['chart_template_id'])['chart_template_id']:
        # what Odoo's account.chart.template.try_loading_for_current_company does (it answers None, which
        # XML-RPC cannot send back)
        template_id = _read(admin, 'res.company', 1, ['chart_template_id'])['chart_template_id'][0]
        template = _read(admin, 'account.chart.template', template_id, [
            'code_digits', 'transfer_account_id', 'currency_id', 'bank_account_code_prefix',
            'cash_account_code_prefix'])
        wizard = user.call('wizard.multi.charts.accounts', 'create', {
            'company_id': company, 'chart_template_id': template_id, 'code_digits': template['code_digits'],
            'transfer_account_id': template['transfer_account_id'][0], 'currency_id': template['currency_id'][0],
            'bank_account_code_prefix': template['bank_account_code_prefix'],
            'cash_account_code_prefix': template['cash_account_code_prefix'],
            'sale_tax_id': False, 'purchase_tax_id': False}, context=EN)  # no default taxes: plain amounts
        user.call('wizard.multi.charts.accounts', 'execute', [wizard], context=EN)
    assert user.call('account.journal', 'search_count', [('type', '=', 'bank'), ('company_id', '=', company)])
    return user, company


@pytest.fixture(scope='module', params=['plain_user', 'own_company'])
def plain(request, as_user):
    """Who runs the flows: the plain user 马标准 of the demo company (standard groups, no sales team), or the
    administrator of a company of its own; with his customer, a vendor and two products of that company without
    any of our settings (consumables, no taxes, invoiced on delivered quantities)."""
    admin = as_user('admin')
    if request.param == 'plain_user':
        login = 'e2e_standard'
        _user(admin, login, '马标准', STANDARD_GROUPS)
        user, company = as_user(login, login), None
    else:
        user, company = _own_company(admin, as_user)
    tag = '（%s）' % request.param
    product_values = {'type': 'consu', 'taxes_id': [(6, 0, [])], 'supplier_taxes_id': [(6, 0, [])],
                      'invoice_policy': 'delivery', 'purchase_method': 'receive'}
    # the products of a company of its own are created by its administrator (who manages products there)
    maker = user if company else admin
    return types.SimpleNamespace(
        admin=admin, user=user, company=company,
        customer=user.call('res.partner', 'create', {
            'name': '标准流程测试 顺德家具有限公司' + tag, 'is_company': True, 'customer': True, 'city': '佛山'},
            context=EN),
        vendor=user.call('res.partner', 'create', {
            'name': '标准流程测试 东莞五金供应商' + tag, 'is_company': True, 'supplier': True, 'customer': False},
            context=EN),
        product=maker.call('product.product', 'create', dict(
            product_values, name='标准流程测试 实木餐桌' + tag, list_price=1200.0, standard_price=700.0)),
        part=maker.call('product.product', 'create', dict(
            product_values, name='标准流程测试 不锈钢合页' + tag, list_price=8.0, standard_price=3.5)),
        partner_name='标准流程测试 珠海度假酒店' + tag,
    )


def _validate(client, picking):
    """Validate, then Apply in Odoo's "Immediate Transfer?" (as button_validate does; its own answer carries the
    context, which XML-RPC cannot send back)."""
    client.call('stock.picking', 'action_assign', [picking], context=EN)
    assert _read(client, 'stock.picking', picking, ['state'])['state'] == 'assigned'
    wizard = client.call('stock.immediate.transfer', 'create', {'pick_ids': [(4, picking)]}, context=EN)
    client.call('stock.immediate.transfer', 'process', [wizard], context=EN)
    assert _read(client, 'stock.picking', picking, ['state'])['state'] == 'done'


def test_quotation_to_paid_invoice(plain):
    user = plain.user
    order = user.call('sale.order', 'create', {'partner_id': plain.customer, 'order_line': [
        [0, 0, {'product_id': plain.product, 'product_uom_qty': 4}],
        [0, 0, {'product_id': plain.part, 'product_uom_qty': 100}]]}, context=EN)
    read = _read(user, 'sale.order', order, ['state', 'amount_total', 'invoice_status', 'user_id', 'company_id'])
    assert (read['state'], read['amount_total'], read['invoice_status'], read['user_id'][0]) == \
        ('draft', 4 * 1200.0 + 100 * 8.0, 'no', user.uid), read
    assert not plain.company or read['company_id'][0] == plain.company, read

    # Send by Email: Odoo's composer with the quotation template (print answers the report action with the
    # context, which XML-RPC cannot send back)
    action = user.call('sale.order', 'action_quotation_send', [order], context=EN)
    assert action['res_model'] == 'mail.compose.message' and action['context']['default_res_id'] == order, action
    user.call('sale.order', 'action_confirm', [order], context=EN)
    read = _read(user, 'sale.order', order, ['state', 'picking_ids', 'invoice_status', 'confirmation_date'])
    assert read['state'] == 'sale' and read['confirmation_date'], read
    assert read['invoice_status'] == 'no', 'invoiced on delivery: nothing to invoice before'
    assert len(read['picking_ids']) == 1, read
    picking = read['picking_ids'][0]
    assert _read(user, 'stock.picking', picking, ['picking_type_code'])['picking_type_code'] == 'outgoing'

    _validate(user, picking)
    lines = user.call('sale.order.line', 'search_read', [('order_id', '=', order)],
                      fields=['qty_delivered', 'qty_to_invoice', 'product_uom_qty'])
    assert all(line['qty_delivered'] == line['product_uom_qty'] == line['qty_to_invoice'] for line in lines), lines
    assert _read(user, 'sale.order', order, ['invoice_status'])['invoice_status'] == 'to invoice'

    # Create Invoice, "Invoiceable lines"
    context = dict(EN, active_model='sale.order', active_id=order, active_ids=[order])
    wizard = user.call('sale.advance.payment.inv', 'create', {'advance_payment_method': 'delivered'},
                       context=context)
    user.call('sale.advance.payment.inv', 'create_invoices', [wizard], context=context)
    read = _read(user, 'sale.order', order, ['invoice_ids', 'invoice_status'])
    assert len(read['invoice_ids']) == 1 and read['invoice_status'] == 'invoiced', read
    invoice = read['invoice_ids'][0]
    read = _read(user, 'account.invoice', invoice, ['state', 'type', 'amount_total', 'partner_id', 'company_id'])
    assert (read['state'], read['type'], read['amount_total'], read['partner_id'][0]) == \
        ('draft', 'out_invoice', 5600.0, plain.customer), read
    assert not plain.company or read['company_id'][0] == plain.company, read

    user.call('account.invoice', 'action_invoice_open', [invoice], context=EN)
    read = _read(user, 'account.invoice', invoice, ['state', 'number', 'residual', 'move_id'])
    assert read['state'] == 'open' and read['number'] and read['move_id'] and read['residual'] == 5600.0, read

    # Register Payment on the invoice: Odoo's payment form, for the whole amount
    journal = user.call('account.journal', 'search', [('type', '=', 'bank')], limit=1)
    method = user.call('account.payment.method', 'search', [('code', '=', 'manual'), ('payment_type', '=', 'inbound')])
    payment = user.call('account.payment', 'create', {
        'payment_type': 'inbound', 'partner_type': 'customer', 'partner_id': plain.customer, 'amount': 5600.0,
        'journal_id': journal[0], 'payment_method_id': method[0], 'invoice_ids': [(6, 0, [invoice])],
        'communication': read['number']}, context=dict(EN, default_invoice_ids=[(4, invoice)]))
    user.call('account.payment', 'post', [payment], context=EN)
    assert _read(user, 'account.payment', payment, ['state'])['state'] == 'posted'
    read = _read(user, 'account.invoice', invoice, ['state', 'residual', 'payment_ids'])
    assert (read['state'], read['residual'], read['payment_ids']) == ('paid', 0.0, [payment]), read

    # a credit note for one table (Add Credit Note, "Create a draft credit note"), validated
    context = dict(EN, active_model='account.invoice', active_id=invoice, active_ids=[invoice])
    wizard = user.call('account.invoice.refund', 'create', {'filter_refund': 'refund', 'description': '一张餐桌破损'},
                       context=context)
    user.call('account.invoice.refund', 'invoice_refund', [wizard], context=context)
    refunds = user.call('account.invoice', 'search', [('refund_invoice_id', '=', invoice)])
    assert len(refunds) == 1, refunds
    lines = user.call('account.invoice.line', 'search_read', [('invoice_id', '=', refunds[0])],
                      fields=['product_id', 'quantity'])
    tables = [line['id'] for line in lines if line['product_id'][0] == plain.product]
    user.call('account.invoice.line', 'unlink', [line['id'] for line in lines if line['id'] not in tables])
    user.call('account.invoice.line', 'write', tables, {'quantity': 1})
    user.call('account.invoice', 'compute_taxes', refunds, context=EN)
    user.call('account.invoice', 'action_invoice_open', refunds, context=EN)
    read = _read(user, 'account.invoice', refunds[0], ['state', 'type', 'amount_total', 'residual'])
    assert (read['state'], read['type'], read['amount_total'], read['residual']) == \
        ('open', 'out_refund', 1200.0, 1200.0), read


def test_lead_converted_and_won(plain):
    user = plain.user
    lead = user.call('crm.lead', 'create', {
        'type': 'lead', 'name': '标准流程测试 酒店家具询价', 'partner_name': plain.partner_name,
        'contact_name': '何经理', 'phone': '0756-3388123'}, context=EN)
    read = _read(user, 'crm.lead', lead, ['type', 'user_id', 'active'])
    assert (read['type'], read['user_id'][0], read['active']) == ('lead', user.uid, True), read

    context = dict(EN, active_model='crm.lead', active_id=lead, active_ids=[lead])
    wizard = user.call('crm.lead2opportunity.partner', 'create', {'name': 'convert', 'action': 'create'},
                       context=context)
    user.call('crm.lead2opportunity.partner', 'action_apply', [wizard], context=context)
    read = _read(user, 'crm.lead', lead, ['type', 'partner_id', 'stage_id', 'probability'])
    assert read['type'] == 'opportunity' and read['partner_id'] and read['stage_id'], read
    company = _read(user, 'res.partner', read['partner_id'][0], ['commercial_partner_id'])['commercial_partner_id']
    assert company[1] == plain.partner_name, company

    user.call('crm.lead', 'action_set_won', [lead], context=EN)
    read = _read(user, 'crm.lead', lead, ['probability', 'stage_id', 'active'])
    assert read['probability'] == 100 and read['active'], read
    stage = _read(user, 'crm.stage', read['stage_id'][0], ['probability'])
    assert stage['probability'] == 100, 'a won opportunity is in a won stage'


def test_purchase_order_confirmed_and_received(plain):
    user = plain.user
    order = user.call('purchase.order', 'create', {'partner_id': plain.vendor, 'order_line': [
        [0, 0, {'product_id': plain.part, 'name': '标准流程测试 不锈钢合页', 'product_qty': 500, 'price_unit': 3.5,
                'product_uom': _read(user, 'product.product', plain.part, ['uom_po_id'])['uom_po_id'][0],
                'date_planned': '2027-01-15 08:00:00'}]]}, context=EN)
    assert _read(user, 'purchase.order', order, ['state'])['state'] == 'draft'
    user.call('purchase.order', 'button_confirm', [order], context=EN)
    read = _read(user, 'purchase.order', order, ['state', 'picking_ids', 'amount_total'])
    assert (read['state'], read['amount_total'], len(read['picking_ids'])) == ('purchase', 1750.0, 1), read
    picking = read['picking_ids'][0]
    assert _read(user, 'stock.picking', picking, ['picking_type_code'])['picking_type_code'] == 'incoming'
    _validate(user, picking)
    lines = user.call('purchase.order.line', 'search_read', [('order_id', '=', order)], fields=['qty_received'])
    assert [line['qty_received'] for line in lines] == [500.0], lines
