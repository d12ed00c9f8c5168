"""crm_lifecycle benchmarks (issue 4): the 撞单 check against Odoo's name_search, the recall cron
against one hand-written SQL UPDATE, and the xlsx import against Odoo's standard import."""
from common import (Row, captured_sql, copy_rows, environment, explain, generation_note, orm_defaults, percentile,
                    rng, timed, vacuum, write_profile)
import chinese_names

MODULE = 'crm_lifecycle'
SAMPLES = 200


def generate(registry, scale):
    """``scale`` customer companies (COPY), a quarter of them in the public pool, the rest owned by
    one of up to 200 salespeople, in four categories."""
    from odoo.addons.crm_lifecycle.models.duplicate_normalize import normalize_company_name, normalize_phone
    random = rng()
    with environment(registry, commit=True) as env:
        env.cr.execute("SELECT count(*) FROM res_partner WHERE name LIKE '%%公司' AND is_company")
        if env.cr.fetchone()[0] >= scale:
            return False
        salesman_group = env.ref('sales_team.group_sale_salesman')
        users = env['res.users'].search([('login', 'like', 'bench_sales_%')])
        for number in range(len(users), min(200, max(5, scale // 5000))):
            users |= env['res.users'].with_context(no_reset_password=True, mail_create_nolog=True).create({
                'name': '销售%03d' % number, 'login': 'bench_sales_%03d' % number,
                'email': 'bench_sales_%03d@example.cn' % number,
                'groups_id': [(6, 0, [env.ref('base.group_user').id, salesman_group.id])],
            })
        categories = env['crm.customer.category'].search([])
        if not categories:
            for code, name in (('A', 'A 重点'), ('B', 'B'), ('C', 'C'), ('D', 'D')):
                categories |= categories.create({'code': code, 'name': name, 'recall_days_without_follow_up': 90,
                                                 'recall_days_without_won': 365})
        company_id = env.user.company_id.id
        # the first stage, as a new customer gets it (without, every upgrade would give it to all in one UPDATE)
        stage_id = env['crm.customer.stage'].search([('company_id', '=', False)], limit=1).id
        env.cr.execute("SELECT coalesce(max(id), 0) FROM res_partner")

        def rows():
            for index in range(scale):
                name = chinese_names.company_name(random)
                phone = chinese_names.phone(random)
                owner = random.choice(users).id if random.random() < 0.75 else None
                yield (name, name, normalize_company_name(name), True, True, False, True, company_id, 'contact',
                       'zh_CN', phone, normalize_phone(phone), 'c%d@example.cn' % index, 'c%d@example.cn' % index,
                       chinese_names.credit_code(random), random.choice(categories).id, owner,
                       None if owner else '2026-01-01 00:00:00', False, 0, True, 1, 1,
                       '2025-06-01 00:00:00', '2025-06-01 00:00:00', stage_id)
        columns = ('name', 'display_name', 'name_normalized', 'is_company', 'customer', 'supplier', 'active',
                   'company_id', 'type', 'lang', 'phone', 'phone_normalized', 'email', 'email_normalized',
                   'unified_credit_code', 'customer_category_id', 'user_id', 'pool_entered_date',
                   'opt_out', 'message_bounce', 'partner_share', 'create_uid', 'write_uid', 'create_date',
                   'write_date', 'customer_stage_id')
        with orm_defaults(env, 'res.partner', columns):
            copy_rows(env.cr, 'res_partner', columns, rows())
        env.cr.execute("UPDATE res_partner SET commercial_partner_id = id WHERE commercial_partner_id IS NULL")
    vacuum(registry, 'res_partner')
    return True


def _duplicate_inputs(env, random):
    """Names as a salesperson types them: existing customers re-typed with another company form or
    region, with their phone in another format, and new names."""
    env.cr.execute("SELECT name, phone, unified_credit_code FROM res_partner WHERE is_company AND customer "
                   "ORDER BY random() LIMIT %s", [SAMPLES])
    existing = env.cr.fetchall()
    inputs = []
    for index, (name, phone, code) in enumerate(existing):
        if index % 4 == 0:
            inputs.append({'name': chinese_names.company_name(random)})  # probably new
        elif index % 4 == 1:
            inputs.append({'name': name.replace('有限公司', '股份有限公司'), 'phone': '+86 ' + phone.lstrip('0')})
        elif index % 4 == 2:
            inputs.append({'name': name, 'unified_credit_code': code})
        else:
            inputs.append({'name': name[2:] + '有限公司', 'email': 'someone@example.cn'})
    return inputs


def bench_duplicate_check(registry):
    random = rng(7)
    with environment(registry) as env:
        inputs = _duplicate_inputs(env, random)
        partners = env['res.partner']
        ours, baseline = [], []
        for measured in (False, True):  # the first pass warms PostgreSQL's and Odoo's caches for both
            for vals in inputs:
                our_time = timed(partners.find_duplicates, vals)[0]
                baseline_time = timed(partners.name_search, vals['name'], operator='ilike', limit=8)[0]
                if measured:
                    ours.append((our_time, vals))
                    baseline.append(baseline_time)
        ours_p95, baseline_p95 = percentile([seconds for seconds, __ in ours], 0.95), percentile(baseline, 0.95)
        ratio = baseline_p95 / ours_p95 if ours_p95 else 0
        passed = ours_p95 <= 0.005 and ratio >= 50
        note = '%d lookups' % len(inputs)
        if not passed:
            note += ', profile: ' + _profile_duplicate_check(env, ours)
    return Row(MODULE, '撞单 check p95 (find_duplicates) vs name_search ilike p95', ours_p95, baseline_p95,
               ratio, 'p95 ≤ 5 ms and ≥ 50× faster', passed, note)


def _profile_duplicate_check(env, timings):
    """The 撞单 row's profile: how much of each lookup is its one SQL statement, and the plans of the
    slowest lookups' statements."""
    statements = []
    for seconds, vals in timings:
        with captured_sql(env.cr) as captured:
            env['res.partner'].find_duplicates(vals)
        setup, query = captured[-1][1].split(';', 1)  # set_config(similarity threshold); the lookup
        env.cr.execute(setup)
        statements.append((seconds, vals, query, timed(env.cr.execute, query)[0]))
    slowest = sorted(statements, key=lambda statement: statement[0], reverse=True)[:3]
    return write_profile('duplicate-check.md', '撞单 check: where the p95 goes', [
        ('Time of a lookup and of its SQL statement alone', 'p50 / p95 of find_duplicates: %.2f / %.2f ms\n'
         'p50 / p95 of its statement run alone: %.2f / %.2f ms' % tuple(
             percentile([statement[index] for statement in statements], fraction) * 1000
             for index in (0, 3) for fraction in (0.5, 0.95)))] + [
        ('%.2f ms: %s' % (seconds * 1000, vals), '```\n%s\n```' % explain(env.cr, query))
        for seconds, vals, query, __ in slowest])


# ----------------------------------------------------------------------------------------------------
# The recall cron against one hand-written SQL UPDATE (issue 4 a)
# ----------------------------------------------------------------------------------------------------
RECALL_DUE_SHARE = 10  # one customer in ten is due: 100,000 of 1,000,000


def _customer_count(env):
    env.cr.execute("SELECT count(*) FROM res_partner WHERE is_company AND customer")
    return env.cr.fetchone()[0]


def _prepare_recall(registry):
    """Committed: a tenth of the customers owned and due for recall by the follow-up rule only, the
    other owned customers far from due (no warnings), so that the cron has exactly those to recall.
    Returns (ids of the due customers, number of customers)."""
    with environment(registry, commit=True) as env:
        count = _customer_count(env)
        env.cr.execute("SELECT id FROM crm_customer_category WHERE recall_days_without_follow_up BETWEEN 8 AND 99 "
                       "AND (recall_days_without_won = 0 OR recall_days_without_won > 200) ORDER BY id")
        categories = [category_id for category_id, in env.cr.fetchall()]
        env.cr.execute("SELECT id FROM res_users WHERE login LIKE 'bench_sales_%%' ORDER BY id")
        users = [user_id for user_id, in env.cr.fetchall()]
        env.cr.execute("""
            SELECT id FROM res_partner
             WHERE is_company AND customer AND active AND customer_category_id = ANY(%s)
             ORDER BY id LIMIT %s""", [categories, count // RECALL_DUE_SHARE])
        due_ids = [partner_id for partner_id, in env.cr.fetchall()]
        # Not due, not in the warning days: the owner got them yesterday.
        env.cr.execute("""
            UPDATE res_partner SET owner_since_date = (now() AT TIME ZONE 'UTC') - INTERVAL '1 day'
             WHERE user_id IS NOT NULL AND customer_category_id IS NOT NULL AND is_company AND customer
               AND id != ALL(%s)
               AND (owner_since_date IS NULL OR owner_since_date < (now() AT TIME ZONE 'UTC') - INTERVAL '30 days'
                    OR last_follow_up_date < (now() AT TIME ZONE 'UTC') - INTERVAL '30 days')""", [due_ids])
        # Due: owned for 200 days, last followed up 100 days ago (the categories allow 90 at most here).
        env.cr.execute("""
            UPDATE res_partner
               SET user_id = COALESCE(user_id, (%(users)s::int[])[1 + id %% %(user_count)s]),
                   pool_entered_date = NULL,
                   owner_since_date = (now() AT TIME ZONE 'UTC') - INTERVAL '200 days',
                   last_follow_up_date = (now() AT TIME ZONE 'UTC') - INTERVAL '100 days'
             WHERE id = ANY(%(ids)s)""", {'users': users, 'user_count': len(users), 'ids': due_ids})
        env.cr.execute("ANALYZE res_partner")
    return due_ids, count


def _recall_by_hand(env, now):
    """The same recall in one statement: the due customers to the pool and one history line each."""
    env.cr.execute("""
        WITH candidate AS (
            SELECT customer.id, customer.user_id, COALESCE(customer.company_id, category.company_id) AS company_id,
                   category.name AS category_name, category.recall_days_without_follow_up AS follow_up_days,
                   category.recall_days_without_won AS won_days,
                   CASE WHEN category.recall_days_without_follow_up > 0 THEN
                        GREATEST(customer.last_follow_up_date,
                                 COALESCE(customer.owner_since_date, customer.create_date))
                        + category.recall_days_without_follow_up * INTERVAL '1 day' END AS follow_up_due,
                   CASE WHEN category.recall_days_without_won > 0 THEN
                        GREATEST(won.last_won_date, COALESCE(customer.owner_since_date, customer.create_date))
                        + category.recall_days_without_won * INTERVAL '1 day' END AS won_due
              FROM res_partner customer
              JOIN crm_customer_category category ON category.id = customer.customer_category_id
              LEFT JOIN LATERAL (
                    SELECT MAX(lead.date_closed) AS last_won_date
                      FROM crm_lead lead
                      JOIN res_partner lead_partner ON lead_partner.id = lead.partner_id
                     WHERE lead_partner.commercial_partner_id = customer.id AND lead.probability = 100
                       AND category.recall_days_without_won > 0) won ON TRUE
             WHERE customer.user_id IS NOT NULL AND customer.is_company AND customer.customer AND customer.active
        ), due AS (
            SELECT *, 'Recalled by the category strategy: ' || concat_ws('; ',
                       CASE WHEN follow_up_due <= %(now)s THEN
                            format('no follow-up for %%s days (category %%s)', follow_up_days, category_name) END,
                       CASE WHEN won_due <= %(now)s THEN
                            format('no won deal for %%s days (category %%s)', won_days, category_name) END) || '.'
                   AS reason
              FROM candidate
             WHERE LEAST(follow_up_due, won_due) <= %(now)s
        ), recalled AS (
            UPDATE res_partner partner
               SET user_id = NULL, pool_entered_date = %(now)s, pool_release_reason = due.reason,
                   owner_since_date = NULL, write_uid = %(uid)s, write_date = %(now)s
              FROM due
             WHERE partner.id = due.id
         RETURNING partner.id, due.user_id, due.reason, due.company_id
        )
        INSERT INTO crm_customer_ownership (partner_id, from_user_id, to_user_id, action, reason, user_id, date,
                                            company_id, create_uid, create_date, write_uid, write_date)
        SELECT recalled.id, recalled.user_id, NULL, 'recall', recalled.reason, %(uid)s, %(now)s,
               COALESCE(recalled.company_id, %(company_id)s), %(uid)s, %(now)s, %(uid)s, %(now)s
          FROM recalled""", {'now': now, 'uid': env.uid, 'company_id': env.user.company_id.id})
    return env.cr.rowcount


def bench_recall_cron(registry):
    from odoo import fields
    due_ids, count = _prepare_recall(registry)
    with environment(registry) as env:  # rolled back
        baseline, recalled_by_hand = timed(_recall_by_hand, env, fields.Datetime.now())
    with environment(registry, commit=True) as env:
        env.cr.execute("SELECT coalesce(max(id), 0) FROM crm_customer_ownership")
        last_line = env.cr.fetchone()[0]
    with environment(registry, commit=True) as env:  # the cron commits each batch itself
        ours = timed(env['res.partner']._cron_recall_customers_to_pool)[0]
    with environment(registry) as env:
        env.cr.execute("SELECT count(*) FROM crm_customer_ownership WHERE id > %s AND action = 'recall'", [last_line])
        recalled = env.cr.fetchone()[0]
        env.cr.execute("SELECT count(*) FROM res_partner WHERE id = ANY(%s) AND user_id IS NULL", [due_ids])
        in_pool = env.cr.fetchone()[0]
    ratio = ours / baseline if baseline else 0
    same = recalled == recalled_by_hand == in_pool == len(due_ids)
    return Row(MODULE, 'recall cron vs one SQL UPDATE + INSERT of the history lines', ours, baseline, ratio,
               '≤ 2× the SQL', same and ratio <= 2,
               '%d of %d customers due; recalled: cron %d, SQL %d%s' % (
                   len(due_ids), count, recalled, recalled_by_hand, '' if same else ' (DIFFERENT)'))


# ----------------------------------------------------------------------------------------------------
# The xlsx import against Odoo's standard import of the same rows (issue 4 b)
# ----------------------------------------------------------------------------------------------------
IMPORT_ROWS = 10000
IMPORT_STATES = (('江苏省', 'JS'), ('浙江省', 'ZJ'), ('广东省', 'GD'), ('上海市', 'SH'))
# Trade names from characters the generated customers do not use: new customers, not duplicates.
IMPORT_NAME_CHARS = '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥春夏秋冬梅兰竹菊松柏'


def _import_values(env, count):
    """``count`` new customers as dicts of the template's column keys (owner login, category code, province)."""
    from stdnum.cn import uscc
    random = rng(11)
    State, china = env['res.country.state'], env.ref('base.cn')
    for name, code in IMPORT_STATES:  # committed by the caller: Chinese provinces without l10n_cn
        if not State.search([('country_id', '=', china.id), ('name', '=', name)]):
            State.create({'country_id': china.id, 'name': name, 'code': code})
    categories = env['crm.customer.category'].search([('company_id', 'in', [env.user.company_id.id, False])])
    logins = env['res.users'].search([('login', 'like', 'bench_sales_%')]).mapped('login')
    alphabet = len(IMPORT_NAME_CHARS)
    rows = []
    for index in range(count):
        core = ''.join(IMPORT_NAME_CHARS[index // alphabet ** power % alphabet] for power in (2, 1, 0))
        name = random.choice(chinese_names.REGIONS) + core + random.choice(chinese_names.INDUSTRIES) \
            + random.choice(chinese_names.SUFFIXES)
        code_body = '91%s%s' % (random.choice(chinese_names.DIVISIONS), 'MA%07d' % index)
        category = random.choice(categories)
        rows.append({
            'name': name, 'unified_credit_code': code_body + uscc.calc_check_digit(code_body),
            'customer_category': category.code, 'customer_category_name': category.name,
            'phone': '021-9%07d' % index, 'mobile': '13%09d' % index, 'email': 'import%d@bench.example.cn' % index,
            'state': IMPORT_STATES[index % len(IMPORT_STATES)][0], 'city': '城市%d' % (index % 50),
            'street': '工业路%d号' % index, 'owner': random.choice(logins) if index % 2 else '',
            'comment': '基准导入',
        })
    return rows


def _xlsx(headers, rows):
    import io
    import xlsxwriter
    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output, {'in_memory': True})
    sheet = workbook.add_worksheet()
    for row_index, values in enumerate([headers] + rows):
        for column_index, value in enumerate(values):
            if value:
                sheet.write_string(row_index, column_index, value)
    workbook.close()
    return output.getvalue()


def _import_files(env, values):
    """The wizard's file (template headers) and the standard import's file (field paths, record names)."""
    from odoo.addons.crm_lifecycle.models.customer_xlsx_columns import template_columns, template_header
    columns = template_columns()
    ours = _xlsx([template_header(column) for column in columns],
                 [[row[column.key] for column in columns] for row in values])
    fields = ['name', 'unified_credit_code', 'customer_category_id', 'phone', 'mobile', 'email', 'state_id',
              'country_id', 'city', 'street', 'user_id', 'comment', 'is_company', 'customer']
    china = env.ref('base.cn').with_context(lang='en_US').name
    standard = _xlsx(fields, [[row['name'], row['unified_credit_code'], row['customer_category_name'], row['phone'],
                               row['mobile'], row['email'], row['state'], china, row['city'], row['street'],
                               row['owner'], row['comment'], 'True', 'True'] for row in values])
    return ours, standard, fields


def bench_import(registry, count=IMPORT_ROWS):
    import base64
    with environment(registry, commit=True) as env:
        values = _import_values(env, count)
        our_file, standard_file, fields = _import_files(env, values)
    with environment(registry) as env:  # rolled back
        wizard = env['crm.customer.import.wizard'].create({
            'import_file': base64.b64encode(our_file), 'import_filename': 'bench.xlsx'})
        ours = timed(wizard.action_import)[0]
        imported, errors = wizard.imported_count, wizard.error_row_count
        message = (wizard.result_message or '').splitlines()[:3]
    with environment(registry) as env:  # rolled back
        standard = env['base_import.import'].create({
            'res_model': 'res.partner', 'file': standard_file, 'file_name': 'bench.xlsx',
            'file_type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'})
        baseline, messages = timed(standard.do, fields, {'headers': True, 'quoting': '"', 'separator': ','})
        env.cr.execute("SELECT count(*) FROM res_partner WHERE email LIKE 'import%%@bench.example.cn'")
        standard_imported = env.cr.fetchone()[0]
    ratio = ours / baseline if baseline else 0
    complete = imported == standard_imported == len(values)
    note = '%d rows; imported: ours %d, standard %d' % (len(values), imported, standard_imported)
    if not complete:
        note += ' (INCOMPLETE: %s errors; %s; %s)' % (errors, ' / '.join(message), messages[:2])
    return Row(MODULE, 'xlsx import with all checks vs Odoo standard import (base_import)', ours, baseline, ratio,
               '< 60 s and ≤ 1× standard', complete and ours < 60 and ratio <= 1, note)


def run(registry, scale):
    timing, generated = timed(generate, registry, scale)
    # the import file scales with the data: 10,000 rows at full scale, 100 in the small mode (the standard
    # import of 10,000 rows alone takes minutes)
    rows = [bench_duplicate_check(registry), bench_recall_cron(registry),
            bench_import(registry, max(100, IMPORT_ROWS * scale // 1000000))]
    return rows, '%d customers, %s' % (scale, generation_note(timing, generated))
