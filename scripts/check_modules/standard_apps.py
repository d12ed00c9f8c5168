# Run by scripts/check_modules.sh through `odoo shell` after an uninstall: Odoo's own CRM, Sales,
# Purchase, Inventory and Invoicing still work (main views open, an order goes through delivery and
# invoice, a purchase order is confirmed); then the module is installed again, as from Apps.
import os

from odoo import fields

env = globals()['env']  # given by odoo shell

name = os.environ['CHECK_MODULE']
reinstall = os.environ.get('CHECK_REINSTALL', name)  # one module, or several separated by spaces

# The main views: their arch is rebuilt with every inherited view still active, so a leftover
# view or a field that went with the module fails here.
for model, view_types in [('crm.lead', ['kanban', 'form', 'tree']), ('sale.order', ['form', 'tree']),
                          ('purchase.order', ['form', 'tree']), ('stock.picking', ['form', 'tree']),
                          ('account.invoice', ['form', 'tree']), ('res.partner', ['form', 'kanban'])]:
    for view_type in view_types:
        view = env[model].fields_view_get(view_type=view_type)
        assert view['arch'] and view['fields'], (model, view_type)
        env[model].default_get(list(view['fields']))
lead = env['crm.lead'].create({'name': 'Check: standard opportunity', 'type': 'opportunity'})
lead.action_set_won()
assert lead.probability == 100, lead.probability

partner = env['res.partner'].create({'name': 'Check: standard customer', 'customer': True})
product = env['product.product'].create({
    'name': 'Check: standard product', 'type': 'consu', 'list_price': 100.0, 'standard_price': 60.0,
    'invoice_policy': 'delivery', 'purchase_ok': True, 'sale_ok': True})
order = env['sale.order'].create({'partner_id': partner.id, 'order_line': [(0, 0, {
    'product_id': product.id, 'product_uom_qty': 3.0, 'price_unit': 100.0})]})
order.action_confirm()
assert order.state == 'sale', order.state
picking = order.picking_ids
assert len(picking) == 1, picking
picking.action_assign()
for move in picking.move_lines:
    move.quantity_done = move.product_uom_qty
result = picking.button_validate()
assert not result or result is True, 'validating the delivery asked for %s' % result
assert picking.state == 'done', picking.state
invoice = env['account.invoice'].browse(order.action_invoice_create())
assert invoice.amount_untaxed == 300.0, invoice.amount_untaxed
invoice.action_invoice_open()
assert invoice.state == 'open', invoice.state
journal = env['account.journal'].search([('type', 'in', ('bank', 'cash')),
                                         ('company_id', '=', invoice.company_id.id)], limit=1)
payment = env['account.payment'].create({
    'payment_type': 'inbound', 'partner_type': 'customer', 'partner_id': partner.id,
    'amount': invoice.amount_total, 'journal_id': journal.id, 'payment_date': fields.Date.today(),
    'payment_method_id': env.ref('account.account_payment_method_manual_in').id,
    'invoice_ids': [(6, 0, invoice.ids)]})
payment.post()
env['account.invoice'].invalidate_cache()
env['sale.order'].invalidate_cache()
assert invoice.state == 'paid', invoice.state
assert order.invoice_status == 'invoiced', order.invoice_status

vendor = env['res.partner'].create({'name': 'Check: standard vendor', 'supplier': True})
purchase = env['purchase.order'].create({'partner_id': vendor.id, 'order_line': [(0, 0, {
    'product_id': product.id, 'name': product.name, 'product_qty': 5.0, 'price_unit': 60.0,
    'product_uom': product.uom_po_id.id, 'date_planned': fields.Datetime.now()})]})
purchase.button_confirm()
assert purchase.state == 'purchase', purchase.state
assert purchase.picking_ids, 'no receipt'
env.cr.commit()
print('STANDARD-APPS-OK after uninstalling %s' % name)

# Install again, as from Apps (dependencies follow)
modules = env['ir.module.module'].search([('name', 'in', reinstall.split())])
assert len(modules) == len(reinstall.split()), reinstall
modules.button_immediate_install()
env.cr.commit()
for module_name in reinstall.split():
    env.cr.execute("SELECT state FROM ir_module_module WHERE name = %s", [module_name])
    state = env.cr.fetchone()[0]
    assert state == 'installed', '%s is %s after reinstalling' % (module_name, state)
    env.cr.execute("SELECT count(*) FROM ir_model_data WHERE module = %s", [module_name])
    assert env.cr.fetchone()[0], 'no records of %s after reinstalling' % module_name
expected = os.environ.get('CHECK_INSTALLED', reinstall).split()
env.cr.execute("SELECT name FROM ir_module_module WHERE name IN %s AND state = 'installed'", [tuple(expected)])
installed = {row[0] for row in env.cr.fetchall()}
assert installed == set(expected), 'not installed again: %s' % sorted(set(expected) - installed)
print('REINSTALL-OK %s' % reinstall)
