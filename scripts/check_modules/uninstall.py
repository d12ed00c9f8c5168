# Run by scripts/check_modules.sh through `odoo shell`: uninstall CHECK_MODULE the way Apps does
# (button_immediate_uninstall, which takes the installed modules above it along) and check that
# none of their models or records are left.
import os

import odoo

env = globals()['env']  # given by odoo shell

name = os.environ['CHECK_MODULE']
Module = env['ir.module.module']
module = Module.search([('name', '=', name)])
assert module.state == 'installed', '%s is %s' % (name, module.state)
# the installed modules that depend on it, directly or not: Odoo uninstalls them with it
gone = module | module.downstream_dependencies()
names = gone.mapped('name')
staying = Module.search([('state', '=', 'installed'), ('id', 'not in', gone.ids)])
print('UNINSTALLING %s' % ' '.join(sorted(names)))
own_models = env['ir.model'].search([]).filtered(lambda m: set(m.modules.split(', ')) <= set(names))
module.button_immediate_uninstall()
env.cr.commit()
env.clear()
env.cr.execute("SELECT name, state FROM ir_module_module WHERE name IN %s", [tuple(names)])
left_installed = [row for row in env.cr.fetchall() if row[1] != 'uninstalled']
assert not left_installed, 'not uninstalled: %s' % left_installed
env.cr.execute("SELECT name FROM ir_module_module WHERE id IN %s AND state != 'installed'", [tuple(staying.ids)])
lost = [row[0] for row in env.cr.fetchall()]
assert not lost, 'modules below it uninstalled too: %s' % lost
assert not own_models.exists(), 'models left after uninstall: %s' % own_models.exists().mapped('model')
# Records of other modules' models may stay when their model refuses to delete them (a validated stock
# inventory is stock history): Odoo keeps them and logs it. Anything else left is a failure.
# (Models that went with the modules are in the registry the uninstall loaded, not in env's.)
registry = odoo.registry(env.cr.dbname)
left = env['ir.model.data'].search([('module', 'in', names)])
kept = left.filtered(lambda d: d.model in registry and env[d.model].browse(d.res_id).exists())
for data in kept:
    print('KEPT %s.%s %s,%s' % (data.module, data.name, data.model, data.res_id))
# Records of models that stay, deleted with a record Odoo removed after them (order lines with their order),
# keep their xml id: Odoo's uninstall does not look back. Harmless, listed.
dangling = left.filtered(lambda d: d.model in registry) - kept
for data in dangling:
    print('DANGLING %s.%s %s,%s' % (data.module, data.name, data.model, data.res_id))
assert not (left - kept - dangling), 'records left after uninstall: %s' % (
    left - kept - dangling).mapped('complete_name')
env.cr.commit()
print('UNINSTALL-OK %s' % name)
