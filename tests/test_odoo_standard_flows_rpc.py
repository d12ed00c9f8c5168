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
LOGIN = 'e2e_standard'


def _read(client, model, record_id, fields):
    return client.call(model, 'read', [record_id], fields=fields, context=EN)[0]


@pytest.fixture(scope='module')
def plain(as_user):
    """The plain user 马标准 and the records he works with: his customer, a vendor, two products without any of
    our settings (consumables, no taxes, invoiced on delivered quantities)."""
    admin = as_user('admin')
    groups = [admin.ref(xmlid) for xmlid in (
        'sales_team.group_sale_salesman_all_leads', 'account.group_account_invoice', 'stock.group_stock_user',
        'purchase.group_purchase_user')]
    found = admin.call('res.users', 'search', [('login', '=', LOGIN)], context={'active_test': False})
    # with an e-mail address, as Odoo wants of anyone who posts in a chatter (creating a record does)
    values = {'name': '马标准', 'login': LOGIN, 'password': LOGIN, 'email': 'ma.biaozhun@example.cn',
              'groups_id': [(6, 0, groups)]}
    if found:
        admin.call('res.users', 'write', found, values)
    else:
        admin.call('res.users', 'create', values)
    user = as_user(LOGIN, LOGIN)
    product_values = {'type': 'consu', 'taxes_id': [(6, 0, [])], 'supplier_taxes_id': [(6, 0, [])],
                      'invoice_policy': 'delivery', 'purchase_method': 'receive'}
    return types.SimpleNamespace(
        admin=admin, user=user,
        customer=user.call('res.partner', 'create', {
            'name': '标准流程测试 顺德家具有限公司', 'is_company': True, 'customer': True, 'city': '佛山'}, context=EN),
        vendor=user.call('res.partner', 'create', {
            'name': '标准流程测试 东莞五金供应商', 'is_company': True, 'supplier': True, 'customer': False},
            context=EN),
        product=admin.call('product.product', 'create', dict(
            product_values, name='标准流程测试 实木餐桌', list_price=1200.0, standard_price=700.0)),
        part=admin.call('product.product', 'create', dict(
            product_values, name='标准流程测试 不锈钢合页', list_price=8.0, standard_price=3.5)),
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
    read = _read(user, 'sale.order', order, ['state', 'amount_total', 'invoice_status', 'user_id'])
    assert (read['state'], read['amount_total'], read['invoice_status'], read['user_id'][0]) == \
        ('draft', 4 * 1200.0 + 100 * 8.0, 'no', user.uid), read

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
    read = _read(user, 'account.invoice', invoice, ['state', 'type', 'amount_total', 'partner_id', 'origin'])
    assert (read['state'], read['type'], read['amount_total'], read['partner_id'][0]) == \
        ('draft', 'out_invoice', 5600.0, plain.customer), read

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


def test_lead_converted_and_won(plain):
    user = plain.user
    lead = user.call('crm.lead', 'create', {
        'type': 'lead', 'name': '标准流程测试 酒店家具询价', 'partner_name': '标准流程测试 珠海度假酒店',
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
    assert company[1] == '标准流程测试 珠海度假酒店', company

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
