"""sales_team_mgmt benchmarks (issue 10): attainment and rankings for 200 salespeople over 12 months against
hand-written SQL on the base tables, and the commission computation of half a year against one SQL statement
doing the same arithmetic, on ``scale`` confirmed order lines (1,000,000 at full scale) and ``scale / 5``
collections (200,000), generated in PostgreSQL."""
from common import Row, best_timed, environment, generation_note, timed, vacuum

MODULE = 'sales_team_mgmt'
YEAR = 2025
USERS = 200
TEAM_SIZE = 20
LINES_PER_ORDER = 5
PRODUCTS = 20
CUSTOMERS = 2000
RANKING_MONTH = 6
# The commission period: the first half of the year, about half of the collections.
COMMISSION_FROM, COMMISSION_TO = '%d-01-01' % YEAR, '%d-06-30' % YEAR
# Tiers of the benchmark rule (marginal): from attainment %, rate %.
TIERS = [(0.0, 3.0), (100.0, 5.0), (150.0, 8.0)]
AVERAGE_INVOICE = 1000 * 50.5   # invoices of 1,000 to 100,000
AVERAGE_QTY = 5.5               # order line quantities 1 to 10


def _counts(scale):
    """(order lines, orders, collections, invoices): two collections (payments) per invoice."""
    collections = max(2, scale // 5)
    return scale, scale // LINES_PER_ORDER, collections, collections // 2


def _ids(env, sql, params=None):
    env.cr.execute(sql, params)
    return [row[0] for row in env.cr.fetchall()]


def _setup_records(env):
    """Salespeople, teams, customers, products, accounts and journals (ORM, small), once per database.
    Returns the parameters of the generation queries."""
    Users = env['res.users'].with_context(no_reset_password=True, mail_create_nolog=True, tracking_disable=True)
    company = env.user.company_id
    users = Users.search([('login', '=like', 'bench_stm_%')], order='login')
    salesman = env.ref('sales_team.group_sale_salesman')
    for number in range(len(users), USERS):
        users |= Users.create({'name': '基准销售%03d' % number, 'login': 'bench_stm_%03d' % number,
                               'email': 'bench_stm_%03d@example.cn' % number,
                               'groups_id': [(6, 0, [env.ref('base.group_user').id, salesman.id])]})
    Team = env['crm.team'].with_context(tracking_disable=True, mail_create_nolog=True)
    department = Team.search([('name', '=', '基准销售部')])
    if not department:
        department = Team.create({'name': '基准销售部'})
        for index in range(0, USERS, TEAM_SIZE):
            Team.create({'name': '基准大区%02d' % (index // TEAM_SIZE + 1), 'parent_id': department.id,
                         'user_id': users[index].id, 'member_ids': [(6, 0, users[index:index + TEAM_SIZE].ids)]})
    env.cr.execute("SELECT count(*) FROM res_partner WHERE name LIKE '基准客户%%'")
    if not env.cr.fetchone()[0]:
        env.cr.execute("""
            INSERT INTO res_partner (name, display_name, is_company, customer, supplier, active, company_id, type,
                                     lang, invoice_warn, picking_warn, sale_warn, purchase_warn, partner_share,
                                     message_bounce, opt_out, create_uid, write_uid, create_date, write_date)
            SELECT '基准客户' || lpad(g::text, 4, '0') || '有限公司', '基准客户' || lpad(g::text, 4, '0') || '有限公司',
                   TRUE, TRUE, FALSE, TRUE, %s, 'contact', 'zh_CN', 'no-message', 'no-message', 'no-message',
                   'no-message', TRUE, 0, FALSE, 1, 1, '2024-06-01', '2024-06-01'
              FROM generate_series(1, %s) g""", [company.id, CUSTOMERS])
        env.cr.execute("UPDATE res_partner SET commercial_partner_id = id WHERE commercial_partner_id IS NULL")
    Category, Product = env['product.category'], env['product.product']
    if not Product.search([('default_code', '=like', 'BSTM-%')]):
        for number in range(PRODUCTS):
            categ = Category.search([('name', '=', '基准品类%d' % (number % 4))]) or Category.create(
                {'name': '基准品类%d' % (number % 4)})
            Product.create({'name': '基准产品%02d' % number, 'default_code': 'BSTM-%02d' % number, 'type': 'consu',
                            'categ_id': categ.id, 'list_price': 100.0 * (number + 1), 'taxes_id': [(6, 0, [])]})
    Account, Journal = env['account.account'], env['account.journal']
    receivable = Account.search([('code', '=', 'BSTM1122'), ('company_id', '=', company.id)])
    if not receivable:
        receivable = Account.create({'code': 'BSTM1122', 'name': '基准应收账款', 'reconcile': True,
                                     'user_type_id': env.ref('account.data_account_type_receivable').id})
        income = Account.create({'code': 'BSTM6001', 'name': '基准主营业务收入',
                                 'user_type_id': env.ref('account.data_account_type_revenue').id})
        bank = Account.create({'code': 'BSTM1002', 'name': '基准银行存款',
                               'user_type_id': env.ref('account.data_account_type_liquidity').id})
        Journal.create({'name': '基准销售日记账', 'code': 'BSAL', 'type': 'sale', 'default_debit_account_id': income.id,
                        'default_credit_account_id': income.id})
        Journal.create({'name': '基准银行', 'code': 'BBNK', 'type': 'bank', 'default_debit_account_id': bank.id,
                        'default_credit_account_id': bank.id})
    income = Account.search([('code', '=', 'BSTM6001'), ('company_id', '=', company.id)])
    sale_journal = Journal.search([('code', '=', 'BSAL'), ('company_id', '=', company.id)])
    bank_journal = Journal.search([('code', '=', 'BBNK'), ('company_id', '=', company.id)])
    env.cr.execute("SELECT id, sale_team_id FROM res_users WHERE login LIKE 'bench_stm_%%' ORDER BY login")
    user_rows = env.cr.fetchall()
    warehouse = env['stock.warehouse'].search([('company_id', '=', company.id)], limit=1)
    return {
        'company_id': company.id, 'currency_id': company.currency_id.id, 'uid': env.uid,
        'users': [row[0] for row in user_rows], 'user_teams': [row[1] for row in user_rows],
        'customers': _ids(env, "SELECT id FROM res_partner WHERE name LIKE '基准客户%%' ORDER BY id"),
        'products': Product.search([('default_code', '=like', 'BSTM-%')], order='default_code').ids,
        'uom_id': env.ref('product.product_uom_unit').id,
        'pricelist_id': env['product.pricelist'].search([], limit=1).id,
        'warehouse_id': warehouse.id,
        'receivable_id': receivable.id, 'income_id': income.id,
        'sale_journal_id': sale_journal.id, 'bank_journal_id': bank_journal.id,
        'receivable_type_id': env.ref('account.data_account_type_receivable').id,
        'method_id': env.ref('account.account_payment_method_manual_in').id,
        'year_start': '%d-01-01' % YEAR,
    }


def _generate_orders(env, params):
    """Confirmed orders of five lines each, spread over the year and the salespeople."""
    env.cr.execute("""
        INSERT INTO sale_order (name, date_order, confirmation_date, state, partner_id, partner_invoice_id,
                                partner_shipping_id, pricelist_id, picking_policy, warehouse_id, price_approval_state,
                                quote_print_template, quote_print_lang, order_type, user_id, team_id, company_id,
                                invoice_status, amount_untaxed, amount_tax, amount_total,
                                create_uid, write_uid, create_date, write_date)
        SELECT 'BSTM-SO' || lpad(g::text, 7, '0'), d, d, 'sale', p, p, p, %(pricelist_id)s, 'direct', %(warehouse_id)s,
               'approved', 'standard', 'partner', 'normal', u, t, %(company_id)s, 'to invoice', 0, 0,
               0, %(uid)s, %(uid)s, d, d
          FROM generate_series(1, %(orders)s) g
          CROSS JOIN LATERAL (SELECT %(year_start)s::timestamp + ((g * 13) %% 365) * INTERVAL '1 day'
                                     + ((g * 7) %% 600) * INTERVAL '1 minute' AS d,
                                     (%(customers)s::int[])[1 + g %% array_length(%(customers)s::int[], 1)] AS p,
                                     (%(users)s::int[])[1 + g %% array_length(%(users)s::int[], 1)] AS u,
                                     (%(user_teams)s::int[])[1 + g %% array_length(%(users)s::int[], 1)] AS t) v
         ORDER BY g""", params)
    env.cr.execute("""
        INSERT INTO sale_order_line (order_id, name, sequence, price_unit, price_subtotal, price_total, price_tax,
                                     price_reduce, price_reduce_taxinc, price_reduce_taxexcl, discount, product_id,
                                     product_uom_qty, product_uom, qty_delivered, qty_to_invoice, qty_invoiced,
                                     customer_lead, state, company_id, currency_id, salesman_id, order_partner_id,
                                     invoice_status, create_uid, write_uid, create_date, write_date)
        SELECT o.id, 'BSTM line', 10 * j, 100, 100 * q, 100 * q, 0, 100, 100, 100, 0, prod, q,
               %(uom_id)s, 0, q, 0, 0, 'sale', o.company_id, %(currency_id)s, o.user_id, o.partner_id, 'to invoice',
               %(uid)s, %(uid)s, o.create_date, o.create_date
          FROM sale_order o
          CROSS JOIN generate_series(1, %(lines_per_order)s) j
          CROSS JOIN LATERAL (SELECT 1 + (o.id / 200 + o.id + j) %% 10 AS q,
                                     (%(products)s::int[])[1 + (o.id * 5 + j) %% array_length(%(products)s::int[], 1)]
                                         AS prod) v
         WHERE o.name LIKE 'BSTM-SO%%'
         ORDER BY o.id, j""", params)
    env.cr.execute("""
        UPDATE sale_order o SET amount_untaxed = s.total, amount_total = s.total
          FROM (SELECT order_id, SUM(price_subtotal) AS total FROM sale_order_line GROUP BY order_id) s
         WHERE s.order_id = o.id AND o.name LIKE 'BSTM-SO%%'""")


def _generate_collections(env, params):
    """Paid customer invoices (one line, a move with its receivable and income lines), each collected by two
    payments (40 % and 60 %, a move each with its receivable line) reconciled with the invoice's receivable
    line. Payment dates are spread evenly over the year; the invoice is dated 3 days before its first one."""
    env.cr.execute("""
        CREATE TEMP TABLE bench_payment ON COMMIT DROP AS
        SELECT c, (c + 1) / 2 AS invoice_g, nextval('account_payment_id_seq') AS payment_id,
               nextval('account_move_id_seq') AS move_id, nextval('account_move_line_id_seq') AS line_id,
               (%(year_start)s::date + ((c * 37) %% 365)) AS date
          FROM generate_series(1, %(invoices)s * 2) c""", params)
    env.cr.execute("""
        CREATE TEMP TABLE bench_invoice ON COMMIT DROP AS
        SELECT g, nextval('account_invoice_id_seq') AS invoice_id, nextval('account_move_id_seq') AS move_id,
               nextval('account_move_line_id_seq') AS receivable_line_id,
               nextval('account_move_line_id_seq') AS income_line_id,
               1000.0 * (1 + (g / 200 + g) %% 100) AS amount,  -- not the same for all of a salesperson
               paid.first_date - 3 AS date, paid.last_date,
               (%(users)s::int[])[1 + g %% array_length(%(users)s::int[], 1)] AS user_id,
               (%(user_teams)s::int[])[1 + g %% array_length(%(users)s::int[], 1)] AS team_id,
               (%(customers)s::int[])[1 + g %% array_length(%(customers)s::int[], 1)] AS partner_id,
               (%(products)s::int[])[1 + g %% array_length(%(products)s::int[], 1)] AS product_id
          FROM generate_series(1, %(invoices)s) g
          JOIN (SELECT invoice_g, MIN(date) AS first_date, MAX(date) AS last_date
                  FROM bench_payment GROUP BY invoice_g) paid ON paid.invoice_g = g""", params)
    env.cr.execute("CREATE INDEX ON bench_invoice (g)")
    env.cr.execute("ANALYZE bench_invoice")
    env.cr.execute("ANALYZE bench_payment")
    env.cr.execute("""
        INSERT INTO account_move (id, name, ref, date, journal_id, state, company_id, partner_id, amount,
                                  create_uid, write_uid, create_date, write_date)
        SELECT move_id, 'BSTM-INV' || lpad(g::text, 7, '0'), NULL, date, %(sale_journal_id)s, 'posted',
               %(company_id)s, partner_id, amount, %(uid)s, %(uid)s, date, date
          FROM bench_invoice
        UNION ALL
        SELECT p.move_id, 'BSTM-PAY' || lpad(p.c::text, 7, '0'), NULL, p.date, %(bank_journal_id)s, 'posted',
               %(company_id)s, i.partner_id, CASE WHEN p.c %% 2 = 1 THEN 0.4 ELSE 0.6 END * i.amount,
               %(uid)s, %(uid)s, p.date, p.date
          FROM bench_payment p JOIN bench_invoice i ON i.g = p.invoice_g""", params)
    env.cr.execute("""
        INSERT INTO account_invoice (id, number, move_name, reference_type, type, state, partner_id,
                                     commercial_partner_id, account_id, currency_id, journal_id, company_id, user_id,
                                     team_id, date_invoice, date_due, date, move_id, amount_untaxed, amount_tax,
                                     amount_total, amount_untaxed_signed, amount_total_signed,
                                     amount_total_company_signed, residual, residual_signed, residual_company_signed,
                                     reconciled, collected_amount, last_payment_date, create_uid, write_uid,
                                     create_date, write_date)
        SELECT invoice_id, 'BSTM-INV' || lpad(g::text, 7, '0'), 'BSTM-INV' || lpad(g::text, 7, '0'), 'none',
               'out_invoice', 'paid', partner_id, partner_id, %(receivable_id)s, %(currency_id)s,
               %(sale_journal_id)s, %(company_id)s, user_id, team_id, date, date + 30, date, move_id, amount, 0,
               amount, amount, amount, amount, 0, 0, 0, TRUE, amount,
               last_date, %(uid)s, %(uid)s, date, date
          FROM bench_invoice""", params)
    env.cr.execute("""
        INSERT INTO account_invoice_line (invoice_id, name, sequence, account_id, price_unit, quantity, discount,
                                          product_id, uom_id, price_subtotal, price_total, price_subtotal_signed,
                                          company_id, partner_id, currency_id, create_uid, write_uid, create_date,
                                          write_date)
        SELECT invoice_id, 'BSTM line', 10, %(income_id)s, amount, 1, 0, product_id, %(uom_id)s, amount, amount,
               amount, %(company_id)s, partner_id, %(currency_id)s, %(uid)s, %(uid)s, date, date
          FROM bench_invoice""", params)
    env.cr.execute("""
        INSERT INTO account_payment (id, name, move_name, payment_type, partner_type, payment_method_id, amount,
                                     currency_id, payment_date, journal_id, company_id, state, partner_id,
                                     communication, payment_difference_handling, create_uid, write_uid, create_date,
                                     write_date)
        SELECT p.payment_id, 'BSTM-PAY' || lpad(p.c::text, 7, '0'), 'BSTM-PAY' || lpad(p.c::text, 7, '0'),
               'inbound', 'customer', %(method_id)s, CASE WHEN p.c %% 2 = 1 THEN 0.4 ELSE 0.6 END * i.amount,
               %(currency_id)s, p.date, %(bank_journal_id)s, %(company_id)s, 'posted', i.partner_id,
               'BSTM-INV' || lpad(i.g::text, 7, '0'), 'open', %(uid)s, %(uid)s, p.date, p.date
          FROM bench_payment p JOIN bench_invoice i ON i.g = p.invoice_g""", params)
    env.cr.execute("""
        INSERT INTO account_move_line (id, move_id, name, account_id, user_type_id, debit, credit, balance,
                                       amount_currency, amount_residual, amount_residual_currency, reconciled,
                                       invoice_id, payment_id, partner_id, product_id, quantity, date, date_maturity,
                                       journal_id, company_id, company_currency_id, blocked, tax_exigible,
                                       create_uid, write_uid, create_date, write_date)
        SELECT i.receivable_line_id, i.move_id, 'BSTM-INV' || lpad(i.g::text, 7, '0'), %(receivable_id)s,
               %(receivable_type_id)s, i.amount, 0, i.amount, 0, 0, 0, TRUE, i.invoice_id, NULL::int, i.partner_id,
               NULL::int, NULL::float, i.date, i.date + 30, %(sale_journal_id)s, %(company_id)s, %(currency_id)s,
               FALSE, TRUE, %(uid)s, %(uid)s, i.date, i.date
          FROM bench_invoice i
        UNION ALL
        SELECT i.income_line_id, i.move_id, 'BSTM line', %(income_id)s, NULL::int, 0, i.amount, -i.amount, 0, 0, 0,
               FALSE, i.invoice_id, NULL::int, i.partner_id, i.product_id, 1, i.date, i.date, %(sale_journal_id)s,
               %(company_id)s, %(currency_id)s, FALSE, TRUE, %(uid)s, %(uid)s, i.date, i.date
          FROM bench_invoice i
        UNION ALL
        SELECT p.line_id, p.move_id, 'BSTM-PAY' || lpad(p.c::text, 7, '0'), %(receivable_id)s,
               %(receivable_type_id)s, 0, a.amount, -a.amount, 0, 0, 0, TRUE, NULL::int, p.payment_id, i.partner_id,
               NULL::int, NULL::float, p.date, p.date, %(bank_journal_id)s, %(company_id)s, %(currency_id)s,
               FALSE, TRUE, %(uid)s, %(uid)s, p.date, p.date
          FROM bench_payment p JOIN bench_invoice i ON i.g = p.invoice_g
         CROSS JOIN LATERAL (SELECT CASE WHEN p.c %% 2 = 1 THEN 0.4 ELSE 0.6 END * i.amount AS amount) a""", params)
    env.cr.execute("""
        INSERT INTO account_invoice_account_move_line_rel (account_invoice_id, account_move_line_id)
        SELECT i.invoice_id, p.line_id FROM bench_payment p JOIN bench_invoice i ON i.g = p.invoice_g""")
    env.cr.execute("""
        INSERT INTO account_invoice_payment_rel (payment_id, invoice_id)
        SELECT p.payment_id, i.invoice_id FROM bench_payment p JOIN bench_invoice i ON i.g = p.invoice_g""")
    env.cr.execute("""
        INSERT INTO account_partial_reconcile (debit_move_id, credit_move_id, amount, amount_currency, company_id,
                                               max_date, create_uid, write_uid, create_date, write_date)
        SELECT i.receivable_line_id, p.line_id, CASE WHEN p.c %% 2 = 1 THEN 0.4 ELSE 0.6 END * i.amount, 0,
               %(company_id)s, GREATEST(p.date, i.date), %(uid)s, %(uid)s, p.date, p.date
          FROM bench_payment p JOIN bench_invoice i ON i.g = p.invoice_g""", params)


def _generate_plan(env, params, counts):
    """The year's plan (executing): for the collected amount and the product quantity, a department line, a
    line per region team, per salesperson a yearly line and twelve monthly ones (inserted by SQL, with the
    month periods of the module). Targets are 80 % to 120 % of what each collects and sells on average.
    Commission: one rule for everyone with marginal tiers (3 %, 5 % from 100 %, 8 % from 150 %)."""
    Plan = env['sales.plan'].with_context(tracking_disable=True, mail_create_nolog=True)
    plan = Plan.create({'name': '基准 %d 年度销售计划' % YEAR, 'year': YEAR})
    months = plan._periods('month')
    env.cr.execute("UPDATE sales_plan SET state = 'executing' WHERE id = %s", [plan.id])
    lines, orders, collections, invoices = counts
    users = len(params['users'])
    per_user_month = {'collected_amount': invoices * AVERAGE_INVOICE / users / 12.0,
                      'product_qty': lines * AVERAGE_QTY / users / 12.0}
    department = env['crm.team'].search([('name', '=', '基准销售部')])
    for metric, expected in per_user_month.items():
        params_metric = dict(params, plan_id=plan.id, metric=metric, expected=expected, department_id=department.id,
                             month_ids=months.ids, month_names=months.mapped('name'),
                             month_starts=months.mapped('date_start'), month_ends=months.mapped('date_end'))
        # targets: 80 % to 120 % of the expected by salesperson, a little seasonal by month (rounded)
        env.cr.execute("""
            CREATE TEMP TABLE bench_target ON COMMIT DROP AS
            SELECT u.ord AS user_index, u.user_id, u.team_id, m.ord AS month,
                   ROUND((%(expected)s * (0.8 + (u.ord %% 5) * 0.1) * (0.9 + (m.ord %% 3) * 0.1))::numeric)::float
                       AS target
              FROM unnest(%(users)s::int[], %(user_teams)s::int[]) WITH ORDINALITY u(user_id, team_id, ord)
             CROSS JOIN generate_series(1, 12) m(ord)""", params_metric)
        env.cr.execute("""
            WITH department AS (
                INSERT INTO sales_plan_line (plan_id, sequence, name, metric, target, team_id, company_id,
                                             create_uid, write_uid, create_date, write_date)
                SELECT %(plan_id)s, 1, '基准销售部', %(metric)s, SUM(target), %(department_id)s, %(company_id)s,
                       %(uid)s, %(uid)s, now(), now()
                  FROM bench_target RETURNING id
            )
            INSERT INTO sales_plan_line (plan_id, sequence, name, metric, target, team_id, parent_id, company_id,
                                         create_uid, write_uid, create_date, write_date)
            SELECT %(plan_id)s, 2, team.name, %(metric)s, SUM(t.target), t.team_id, (SELECT id FROM department),
                   %(company_id)s, %(uid)s, %(uid)s, now(), now()
              FROM bench_target t JOIN crm_team team ON team.id = t.team_id
             GROUP BY t.team_id, team.name""", params_metric)
        env.cr.execute("""
            INSERT INTO sales_plan_line (plan_id, sequence, name, metric, target, team_id, user_id, parent_id,
                                         company_id, create_uid, write_uid, create_date, write_date)
            SELECT %(plan_id)s, 3, partner.name, %(metric)s, SUM(t.target), t.team_id, t.user_id, parent.id,
                   %(company_id)s, %(uid)s, %(uid)s, now(), now()
              FROM bench_target t
              JOIN res_users u ON u.id = t.user_id JOIN res_partner partner ON partner.id = u.partner_id
              JOIN sales_plan_line parent ON parent.plan_id = %(plan_id)s AND parent.metric = %(metric)s
                                         AND parent.team_id = t.team_id AND parent.user_id IS NULL
             GROUP BY t.team_id, t.user_id, partner.name, parent.id""", params_metric)
        env.cr.execute("""
            INSERT INTO sales_plan_line (plan_id, sequence, name, metric, target, team_id, user_id, parent_id,
                                         date_range_id, date_start, date_end, company_id, create_uid, write_uid,
                                         create_date, write_date)
            SELECT %(plan_id)s, 4, parent.name || ' / ' || (%(month_names)s::varchar[])[t.month], %(metric)s,
                   t.target, t.team_id, t.user_id, parent.id, (%(month_ids)s::int[])[t.month],
                   (%(month_starts)s::date[])[t.month], (%(month_ends)s::date[])[t.month], %(company_id)s,
                   %(uid)s, %(uid)s, now(), now()
              FROM bench_target t
              JOIN sales_plan_line parent ON parent.plan_id = %(plan_id)s AND parent.metric = %(metric)s
                                         AND parent.user_id = t.user_id AND parent.date_range_id IS NULL""",
                       params_metric)
        env.cr.execute("DROP TABLE bench_target")
    rule = env['sales.commission.rule'].create({
        'name': '基准回款提成', 'applies_to': 'all', 'base': 'collected', 'rate': 2.0,
        'date_from': '%d-01-01' % YEAR, 'date_to': '%d-12-31' % YEAR,
        'tier_ids': [(0, 0, {'from_attainment': low, 'rate': rate}) for low, rate in TIERS]})
    # the half-year commission target of each salesperson is their plan's collected targets of those months
    # (the statement may take either, they agree)
    env.cr.execute("""
        INSERT INTO sales_commission_target (user_id, company_id, date_from, date_to, target,
                                             create_uid, write_uid, create_date, write_date)
        SELECT user_id, %s, %s, %s, SUM(target), %s, %s, now(), now()
          FROM sales_plan_line
         WHERE plan_id = %s AND metric = 'collected_amount' AND user_id IS NOT NULL AND date_range_id IS NOT NULL
           AND date_start >= %s AND date_end <= %s
         GROUP BY user_id""", [params['company_id'], COMMISSION_FROM, COMMISSION_TO, params['uid'], params['uid'],
                               plan.id, COMMISSION_FROM, COMMISSION_TO])
    return plan, rule


GENERATED_TABLES = ('sale_order', 'sale_order_line', 'account_invoice', 'account_invoice_line', 'account_move',
                    'account_move_line', 'account_payment', 'account_partial_reconcile', 'sales_plan_line',
                    'sales_commission_line')


def generate(registry, scale):
    counts = _counts(scale)
    with environment(registry, commit=True) as env:
        env.cr.execute("SELECT count(*) FROM sale_order WHERE name LIKE 'BSTM-SO%%'")
        generated = env.cr.fetchone()[0] >= counts[1]
        env.cr.execute("SELECT count(*) FROM sales_commission_line WHERE date BETWEEN %s AND %s",
                       ('%d-01-01' % YEAR, '%d-12-31' % YEAR))
        if generated and env.cr.fetchone()[0]:
            return False
    if not generated:
        _generate_data(registry, counts)
    _record_commission_lines(registry)
    return True


def _generate_data(registry, counts):
    with environment(registry, commit=True) as env:
        params = _setup_records(env)
        params.update(lines_per_order=LINES_PER_ORDER, orders=counts[1], invoices=counts[3])
        _generate_orders(env, params)
        _generate_collections(env, params)
        _generate_plan(env, params, counts)
    # Committed and analysed before the lines are recorded: on rows still uncommitted, without statistics (the
    # planner takes the tables for empty) or without a visibility map, recording them ran for many minutes.
    for table in GENERATED_TABLES[:-1]:
        vacuum(registry, table)


def _record_commission_lines(registry):
    """The commission lines of the year, as the payments' hook records them when they are posted."""
    # The small tables it joins (companies, teams, categories, rules) are analysed by the module itself when
    # they never were (ensure_statistics): without, this ran for over 4 minutes instead of 13 s.
    with environment(registry, commit=True) as env:
        plan, _rule, _users = _bench_objects(env)
        env['sales.commission.line'].compute_period('%d-01-01' % YEAR, '%d-12-31' % YEAR, plan.company_id)
    vacuum(registry, GENERATED_TABLES[-1])


def _bench_objects(env):
    plan = env['sales.plan'].search([('name', '=', '基准 %d 年度销售计划' % YEAR)], limit=1)
    rule = env['sales.commission.rule'].search([('name', '=', '基准回款提成')], limit=1)
    users = _ids(env, "SELECT id FROM res_users WHERE login LIKE 'bench_stm_%%' ORDER BY login")
    return plan, rule, users


# ----------------------------------------------------------------------------------------------------
# (a) attainment per salesperson and month
# ----------------------------------------------------------------------------------------------------
def _attainment_by_hand(env, company_id, user_ids):
    """Actuals per (metric, salesperson, month) straight from the base tables: confirmed order line quantities
    by confirmation month, and the reconciled part of each customer payment by payment month."""
    env.cr.execute("""
        SELECT 'product_qty', o.user_id, date_trunc('month', o.confirmation_date)::date, SUM(sol.product_uom_qty)
          FROM sale_order_line sol
          JOIN sale_order o ON o.id = sol.order_id
         WHERE o.state IN ('sale', 'done') AND o.company_id = %(company)s AND o.user_id = ANY(%(users)s)
           AND o.confirmation_date >= %(start)s AND o.confirmation_date < %(end)s
           AND sol.product_id IS NOT NULL
         GROUP BY 2, 3
        UNION ALL
        SELECT 'collected_amount', i.user_id, date_trunc('month', payment_line.date)::date, SUM(apr.amount)
          FROM account_partial_reconcile apr
          JOIN account_move_line payment_line ON payment_line.id = apr.credit_move_id
          JOIN account_move_line invoice_line ON invoice_line.id = apr.debit_move_id
          JOIN account_invoice i ON i.id = invoice_line.invoice_id
         WHERE payment_line.payment_id IS NOT NULL AND i.type = 'out_invoice' AND i.company_id = %(company)s
           AND i.user_id = ANY(%(users)s) AND payment_line.date >= %(start)s AND payment_line.date < %(end)s
         GROUP BY 2, 3""", {'company': company_id, 'users': user_ids, 'start': '%d-01-01' % YEAR,
                            'end': '%d-01-01' % (YEAR + 1)})
    return {(metric, user_id, str(month)): actual for metric, user_id, month, actual in env.cr.fetchall()}


def bench_attainment(registry):
    with environment(registry) as env:
        plan, _rule, users = _bench_objects(env)
        months = {month.id: month.date_start for month in plan._periods('month')}
        Attainment = env['sales.plan.attainment']
        domain = [('plan_id', '=', plan.id), ('user_id', '!=', False), ('date_range_id', '!=', False)]
        ours, groups = best_timed(Attainment.read_group, domain,
                                  ['target', 'actual', 'user_id', 'date_range_id', 'metric'],
                                  ['user_id', 'date_range_id', 'metric'], lazy=False)
        baseline, by_hand = best_timed(_attainment_by_hand, env, plan.company_id.id, users)
    same = len(groups) == 2 * 12 * len(users) and all(
        abs(group['actual'] - by_hand.get(
            (group['metric'], group['user_id'][0], months[group['date_range_id'][0]]), 0.0)) < 0.005
        for group in groups) and len(by_hand) <= len(groups)
    ratio = ours / baseline if baseline else 0
    return Row(MODULE, 'attainment per salesperson and month (read_group on the view) vs hand-written SQL on the '
                       'base tables', ours, baseline, ratio, '≤ 2× the SQL', same and ratio <= 2,
               '%d salespeople × 12 months × 2 metrics = %d lines; numbers %s' % (
                   len(users), len(groups), 'equal' if same else 'DIFFERENT'))


# ----------------------------------------------------------------------------------------------------
# (b) ranking of the salespeople by collected amount, over the year and over one month
# ----------------------------------------------------------------------------------------------------
def _ranking_by_hand(env, company_id, date_from, date_to):
    """Rank, salesperson and collected amount: the reconciled part of each customer payment of the period."""
    env.cr.execute("""
        SELECT RANK() OVER (ORDER BY SUM(apr.amount) DESC), i.user_id, SUM(apr.amount)
          FROM account_partial_reconcile apr
          JOIN account_move_line payment_line ON payment_line.id = apr.credit_move_id
          JOIN account_move_line invoice_line ON invoice_line.id = apr.debit_move_id
          JOIN account_invoice i ON i.id = invoice_line.invoice_id
         WHERE payment_line.payment_id IS NOT NULL AND i.type = 'out_invoice' AND i.company_id = %s
           AND i.user_id IS NOT NULL AND payment_line.date BETWEEN %s AND %s
         GROUP BY i.user_id
         ORDER BY 1, 2""", [company_id, date_from, date_to])
    return env.cr.fetchall()


def bench_ranking(registry):
    """The leaderboard as the module computes it for its snapshots (sales.ranking.snapshot._compute_ranking)."""
    rows = []
    with environment(registry) as env:
        plan, _rule, users = _bench_objects(env)
        company = plan.company_id
        month = plan._periods('month')[RANKING_MONTH - 1]
        Snapshot = env['sales.ranking.snapshot']
        for label, date_from, date_to in (('the year', '%d-01-01' % YEAR, '%d-12-31' % YEAR),
                                          ('one month', month.date_start, month.date_end)):
            ours, ranking = best_timed(Snapshot._compute_ranking, company, date_from, date_to, 'collected_amount')
            baseline, by_hand = best_timed(_ranking_by_hand, env, company.id, date_from, date_to)
            same = len(ranking) == len(by_hand) and all(
                (row['rank'], row['user_id']) == (hand[0], hand[1]) and abs(row['value'] - hand[2]) < 0.005
                for row, hand in zip(ranking, by_hand))
            ratio = ours / baseline if baseline else 0
            rows.append(Row(MODULE, 'ranking of the salespeople by collected amount over %s (_compute_ranking) vs '
                                    'hand-written SQL' % label, ours, baseline, ratio, '≤ 2× the SQL',
                            same and ratio <= 2, '%d salespeople ranked, %s to %s; ranks and amounts %s' % (
                                len(ranking), date_from, date_to, 'equal' if same else 'DIFFERENT')))
    return rows


# ----------------------------------------------------------------------------------------------------
# (c) commission of half a year
# ----------------------------------------------------------------------------------------------------
def _commission_by_hand(env, company_id, date_from, date_to):
    """One statement: per collection (payment × invoice) the collected amount × the invoice's base share,
    rounded; per salesperson the base against the period's target through the rule's marginal tiers (the
    rule's own rate without a target), rounded; the total. Returns (total, collections)."""
    env.cr.execute("""
        WITH collection AS (
            SELECT p.id AS payment_id, i.id AS invoice_id, i.user_id, SUM(apr.amount) AS amount
              FROM account_partial_reconcile apr
              JOIN account_move_line payment_line ON payment_line.id = apr.credit_move_id
              JOIN account_payment p ON p.id = payment_line.payment_id
              JOIN account_move_line invoice_line ON invoice_line.id = apr.debit_move_id
              JOIN account_invoice i ON i.id = invoice_line.invoice_id
             WHERE p.payment_type = 'inbound' AND p.partner_type = 'customer' AND p.state IN ('posted', 'reconciled')
               AND p.payment_date BETWEEN %(from)s AND %(to)s AND i.type = 'out_invoice' AND i.user_id IS NOT NULL
               AND i.company_id = %(company)s
             GROUP BY p.id, i.id, i.user_id
        ), base AS (
            SELECT c.user_id, r.id AS rule_id, r.rate,
                   SUM(ROUND((c.amount * share.value)::numeric, 2)) AS base, COUNT(*) AS collections
              FROM collection c
              JOIN account_invoice i ON i.id = c.invoice_id
              JOIN LATERAL (SELECT COALESCE(SUM(l.price_total), 0) / NULLIF(i.amount_total, 0) AS value
                              FROM account_invoice_line l WHERE l.invoice_id = i.id) share ON TRUE
              JOIN sales_commission_rule r ON r.company_id = i.company_id AND r.active AND r.applies_to = 'all'
                                          AND (r.date_from IS NULL OR r.date_from <= %(from)s)
                                          AND (r.date_to IS NULL OR r.date_to >= %(to)s)
             GROUP BY c.user_id, r.id, r.rate
        ), tier AS (
            SELECT t.rule_id, t.rate, t.from_attainment,
                   LEAD(t.from_attainment) OVER (PARTITION BY t.rule_id ORDER BY t.from_attainment) AS to_attainment
              FROM sales_commission_rule_tier t
        ), per_user AS (
            SELECT b.user_id, b.collections,
                   ROUND(CASE WHEN COALESCE(target.target, 0) <= 0 THEN b.base * b.rate / 100
                              ELSE (SELECT SUM(GREATEST(0, LEAST(b.base, COALESCE(target.target * t.to_attainment / 100,
                                                                                   b.base))
                                                           - target.target * t.from_attainment / 100)
                                               * t.rate / 100)
                                      FROM tier t WHERE t.rule_id = b.rule_id) END::numeric, 2) AS commission
              FROM base b
              LEFT JOIN sales_commission_target target
                     ON target.user_id = b.user_id AND target.company_id = %(company)s
                    AND target.date_from = %(from)s AND target.date_to = %(to)s
        )
        SELECT SUM(commission), SUM(collections) FROM per_user""",
                   {'company': company_id, 'from': date_from, 'to': date_to})
    total, collections = env.cr.fetchone()
    return float(total or 0), int(collections or 0)


def _commission_by_module(env, users, team_ids):
    """The module's computation as the director runs it: draft statements of the period for every salesperson
    (created before timing), then Compute on all of them (the period's lines, then tiers against targets)."""
    Statement = env['sales.commission.statement'].with_context(tracking_disable=True, mail_create_nolog=True)
    statements = Statement.browse()
    for user_id, team_id in zip(users, team_ids):
        statements |= Statement.create({'user_id': user_id, 'team_id': team_id, 'date_from': COMMISSION_FROM,
                                        'date_to': COMMISSION_TO})
    return statements


def bench_commission(registry):
    """Two rows: the usual computation (the lines were recorded when the payments were posted, committed by the
    generation; fresh statements attach them) and the first computation of a period without any line (the
    statements' Compute inserts them). Each measured after a warm-up pass, rolled back after each pass."""
    with environment(registry) as env:
        plan, rule, users = _bench_objects(env)
        company = plan.company_id
        # only the benchmark rule counts (others, of other suites or demo data, are rolled back with the rest)
        env['sales.commission.rule'].search([('id', '!=', rule.id)]).write({'active': False})
        env.cr.execute("SELECT sale_team_id FROM res_users WHERE id = ANY(%s) ORDER BY login", [users])
        team_ids = [row[0] for row in env.cr.fetchall()]
        baseline, (expected, collections) = best_timed(_commission_by_hand, env, company.id, COMMISSION_FROM,
                                                       COMMISSION_TO)
        measured = []
        for run, without_lines in (('the lines recorded when the payments were posted', False),
                                   ('first computation of the period (inserts the lines)', True)):
            for _warm_up_first in range(2):
                env.cr.execute("SAVEPOINT bench_commission")
                env.cr.execute("DELETE FROM sales_commission_statement")
                if without_lines:
                    env.cr.execute("DELETE FROM sales_commission_line WHERE company_id = %s AND date BETWEEN %s "
                                   "AND %s", [company.id, COMMISSION_FROM, COMMISSION_TO])
                env.clear()
                statements = _commission_by_module(env, users, team_ids)
                ours = timed(statements.action_compute)[0]
                env.cr.execute("SELECT COALESCE(SUM(commission_amount), 0) FROM sales_commission_statement "
                               "WHERE id IN %s", [tuple(statements.ids)])
                total = env.cr.fetchone()[0]
                lines = sum(len(statement.period_line_ids) for statement in statements)
                env.cr.execute("ROLLBACK TO SAVEPOINT bench_commission")
                env.clear()
            measured.append((run, ours, total, lines))
    rows = []
    for (run, ours, total, lines), target in zip(measured, ('≤ 3× the SQL', 'reported')):
        same = abs(total - expected) < 0.01 and lines == collections
        ratio = ours / baseline if baseline else 0
        rows.append(Row(MODULE, 'commission statements of half a year, %s: Compute on every salesperson\'s '
                                'statement vs one SQL statement' % run, ours, baseline, ratio, target,
                        same and (ratio <= 3 or target == 'reported'),
                        '%d collections, %d lines in the statements, %d statements; total %.2f vs SQL %.2f' % (
                            collections, lines, len(users), total, expected)))
    return rows


def run(registry, scale):
    timing, generated = timed(generate, registry, scale)
    rows = [bench_attainment(registry)] + bench_ranking(registry) + bench_commission(registry)
    lines, _orders, collections, _invoices = _counts(scale)
    return rows, '%d order lines and %d collections, %s' % (lines, collections, generation_note(timing, generated))
