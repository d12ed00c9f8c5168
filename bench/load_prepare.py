"""Prepare a database for the load test (bench/load_test.py): its users, their customers, contested pool
customers, products and open invoices; writes the plan the load test reads.

    python bench/load_prepare.py DB SCALE PLAN.json

Runs on a benchmark database (scripts/bench.sh builds it: our modules, the Chinese chart of accounts, no
demo data) and generates its customers with the crm_lifecycle benchmark's generator if they are missing.
Idempotent: a second run reuses what the first made.
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import common  # noqa: E402
import crm_lifecycle_bench  # noqa: E402

# 20 users of mixed roles, as a sales company's working day: mostly salespeople, some managers and accountants
ROLES = (('sales', 14), ('manager', 3), ('accountant', 3))
CUSTOMERS_PER_SALESPERSON = 500
CONTESTED = 8          # pool customers every salesperson tries to claim
OPEN_INVOICES = 30     # large enough to take partial payments for the whole run
PRODUCTS = (('工业级光纤收发器', 1280.0), ('千兆交换机 24口', 3650.0), ('不锈钢法兰 DN50', 86.0),
            ('伺服电机 750W', 2150.0), ('PLC 控制模块', 4380.0), ('工业触摸屏 10寸', 2960.0),
            ('变频器 7.5kW', 3320.0), ('电缆桥架 2米', 215.0))


def _user_groups(env, role):
    refs = {'sales': ['base.group_user', 'base.group_partner_manager', 'sales_team.group_sale_salesman'],
            'manager': ['base.group_user', 'base.group_partner_manager', 'sales_team.group_sale_manager'],
            'accountant': ['base.group_user', 'account.group_account_invoice']}[role]
    return [(6, 0, [env.ref(ref).id for ref in refs])]


def _chinese(env):
    """The users work in zh_CN: load it with the modules' translations once (the benchmark database has en_US)."""
    if not env['res.lang'].search([('code', '=', 'zh_CN')]):
        env['base.language.install'].create({'lang': 'zh_CN'}).lang_install()


def _users(env):
    team = env['crm.team'].search([('name', '=', '压测销售部')], limit=1) or env['crm.team'].create({
        'name': '压测销售部'})
    users = []
    Users = env['res.users'].with_context(no_reset_password=True, mail_create_nolog=True)
    for role, count in ROLES:
        for number in range(1, count + 1):
            login = 'load_%s_%02d' % (role, number)
            user = Users.search([('login', '=', login)])
            values = {'groups_id': _user_groups(env, role), 'password': login, 'lang': 'zh_CN',
                      'tz': 'Asia/Shanghai', 'sale_team_id': team.id if role != 'accountant' else False}
            if user:
                user.write(values)
            else:
                user = Users.create(dict(values, name='压测%s%02d' % (
                    {'sales': '销售', 'manager': '经理', 'accountant': '会计'}[role], number),
                    login=login, email='%s@example.cn' % login))
            users.append({'login': login, 'password': login, 'role': role, 'id': user.id})
    team.write({'member_ids': [(6, 0, [user['id'] for user in users if user['role'] == 'sales'])],
                'user_id': next(user['id'] for user in users if user['role'] == 'manager')})
    return users


def _own_customers(env, users):
    """Give each load salesperson customers of the generated ones (owned by the benchmark's salespeople)."""
    cr = env.cr
    for user in users:
        if user['role'] != 'sales':
            continue
        cr.execute("SELECT count(*) FROM res_partner WHERE user_id = %s AND customer", (user['id'],))
        missing = CUSTOMERS_PER_SALESPERSON - cr.fetchone()[0]
        if missing > 0:
            cr.execute("""
                UPDATE res_partner SET user_id = %s
                 WHERE id IN (SELECT partner.id FROM res_partner partner
                                JOIN res_users owner ON owner.id = partner.user_id
                               WHERE owner.login LIKE 'bench_sales_%%' AND partner.customer AND partner.is_company
                               ORDER BY partner.id LIMIT %s)""", (user['id'], missing))
    env['res.partner'].invalidate_cache()


def _contested(env):
    """Pool customers of the company; the load test's winners release them so they stay contested. The reclaim
    cooldown is off on this database: with it on, a winner could not claim the same customer again today."""
    env.user.company_id.write({'customer_reclaim_cooldown_days': 0})
    env.cr.execute("""SELECT id FROM res_partner WHERE user_id IS NULL AND customer AND is_company AND active
                         AND name LIKE '%%公司' ORDER BY id LIMIT %s""", (CONTESTED,))
    return [row[0] for row in env.cr.fetchall()]


def _products(env):
    products = []
    for name, price in PRODUCTS:
        product = env['product.product'].search([('name', '=', name)], limit=1) or env['product.product'].create({
            'name': name, 'type': 'consu', 'list_price': price, 'invoice_policy': 'order'})
        products.append({'id': product.id, 'name': product.display_name, 'uom_id': product.uom_id.id,
                         'price': product.list_price})
    return products


def _open_invoices(env, users):
    """Open customer invoices of the load salespeople's customers, large enough for the run's partial payments."""
    Invoice = env['account.invoice']
    existing = Invoice.search([('type', '=', 'out_invoice'), ('state', '=', 'open'), ('origin', '=', '压测')])
    product = env['product.product'].search([('name', '=', PRODUCTS[0][0])], limit=1)
    salespeople = [user['id'] for user in users if user['role'] == 'sales']
    for number in range(len(existing), OPEN_INVOICES):
        owner = salespeople[number % len(salespeople)]
        partner = env['res.partner'].search([('user_id', '=', owner), ('customer', '=', True)], limit=1)
        invoice = Invoice.create({
            'partner_id': partner.id, 'type': 'out_invoice', 'origin': '压测', 'user_id': owner,
            'invoice_line_ids': [(0, 0, {
                'product_id': product.id, 'name': product.name, 'quantity': 1000, 'price_unit': 1000.0,
                'account_id': product.categ_id.property_account_income_categ_id.id
                or Invoice._default_journal().default_credit_account_id.id})]})
        invoice.action_invoice_open()


def _payment_means(env):
    journal = env['account.journal'].search([('type', '=', 'bank'), ('company_id', '=', env.user.company_id.id)],
                                            limit=1)
    method = env.ref('account.account_payment_method_manual_in')
    return {'journal_id': journal.id, 'payment_method_id': method.id}


def main(db, scale, plan_path):
    registry = common.load_odoo(db)
    crm_lifecycle_bench.generate(registry, scale)
    with common.environment(registry, commit=True) as env:
        _chinese(env)
        users = _users(env)
        _own_customers(env, users)
        plan = {'users': users, 'contested': _contested(env), 'products': _products(env)}
        _open_invoices(env, users)
        plan.update(_payment_means(env))
        env.cr.execute("SELECT count(*) FROM res_partner WHERE customer")
        plan['customers'] = env.cr.fetchone()[0]
    with open(plan_path, 'w') as out:
        json.dump(plan, out, ensure_ascii=False, indent=1)
    print('plan: %d users, %d contested pool customers, %d customers in the database' % (
        len(plan['users']), len(plan['contested']), plan['customers']))


if __name__ == '__main__':
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3])
