"""crm_lifecycle benchmarks (issue 4): the 撞单 check against Odoo's name_search, the recall cron
against one hand-written SQL UPDATE, and the xlsx import against Odoo's standard import."""
from common import Row, copy_rows, environment, percentile, rng, sample_timings, timed
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
            return
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
                       '2025-06-01 00:00:00', '2025-06-01 00:00:00')
        columns = ('name', 'display_name', 'name_normalized', 'is_company', 'customer', 'supplier', 'active',
                   'company_id', 'type', 'lang', 'phone', 'phone_normalized', 'email', 'email_normalized',
                   'unified_credit_code', 'customer_category_id', 'user_id', 'pool_entered_date',
                   'opt_out', 'message_bounce', 'partner_share', 'create_uid', 'write_uid', 'create_date',
                   'write_date')
        copy_rows(env.cr, 'res_partner', columns, rows())
        env.cr.execute("UPDATE res_partner SET commercial_partner_id = id WHERE commercial_partner_id IS NULL")
        env.cr.execute("ANALYZE res_partner")


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
        partners.find_duplicates(inputs[0])  # warm the registry and the caches once for both
        partners.name_search(inputs[0]['name'], operator='ilike', limit=8)
        ours = sample_timings(lambda vals: partners.find_duplicates(vals), inputs)
        baseline = sample_timings(lambda vals: partners.name_search(vals['name'], operator='ilike', limit=8), inputs)
    ours_p95, baseline_p95 = percentile(ours, 0.95), percentile(baseline, 0.95)
    ratio = baseline_p95 / ours_p95 if ours_p95 else 0
    return Row(MODULE, '撞单 check p95 (find_duplicates) vs name_search ilike p95', ours_p95, baseline_p95,
               ratio, 'p95 ≤ 5 ms and ≥ 50× faster', ours_p95 <= 0.005 and ratio >= 50,
               '%d lookups' % len(inputs))


BENCHMARKS = [bench_duplicate_check]


def run(registry, scale):
    timing, _result = timed(generate, registry, scale)
    rows = [bench(registry) for bench in BENCHMARKS]
    return rows, 'generated %d customers in %.0f s' % (scale, timing)
