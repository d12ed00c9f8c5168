"""Query counts of the main screens (issue 12, point 2): the SQL queries of one "open" of a form as the web
client does it, for a record with few related records and for the same record shape with many.

One open = ``read`` of the form view's fields (all of them, computed ones included), then for each x2many
field the ``read`` of its first page (the subview's ``limit``, 40 by default) of related records with the
subview's fields. ``fields_view_get`` is done once beforehand and not counted; the chatter's own calls
(messages, followers, activities) are not part of the form's read and are left out. Each open runs as a
realistic user (``sudo(user)``: record rules and access rights apply) after a warm-up open, with the record
caches cleared before it, and is counted with ``cr.sql_log_count``. The count must not grow with the
number of related records (ratio ≤ 1.1).

All the data is created in the benchmark's rolled-back environment; nothing stays in the database.
"""
from lxml import etree

from odoo import fields

from common import Row, environment

MODULE = 'query_counts'
TARGET = 'not growing (ratio ≤ 1.1)'
# Widgets of x2many fields that read no subview: tags read their records' names, the chatter its own way.
NAME_WIDGETS = ('many2many_tags', 'many2many_checkboxes', 'many2many_tags_email', 'many2many_binary')
CHATTER_WIDGETS = ('mail_followers', 'mail_thread', 'mail_activity')
WEB_LIMIT = 40


class Counter(object):
    """Open one form the way the web client does: the plan of reads comes from the views, once."""

    def __init__(self, env, model, view_id=None):
        self.model = model
        view = env[model].fields_view_get(view_id=view_id, view_type='form')
        self.fields = list(view['fields'])
        arch = etree.fromstring(view['arch'])
        widgets = {node.get('name'): (node.get('widget'), node.get('mode'))
                   for node in arch.xpath('//field[not(ancestor::field)]')}
        self.subreads = []   # (field, comodel, subfields, limit)
        for name, description in view['fields'].items():
            if description['type'] not in ('one2many', 'many2many'):
                continue
            widget, mode = widgets.get(name, (None, None))
            if widget in CHATTER_WIDGETS:
                continue
            comodel = description['relation']
            if widget in NAME_WIDGETS:
                self.subreads.append((name, comodel, ['display_name'], WEB_LIMIT))
                continue
            mode = (mode or 'tree').split(',')[0]
            subview = description.get('views', {}).get(mode)
            if not subview:   # no inline subview: the web client loads the comodel's default one
                subview = env[comodel].fields_view_get(view_type=mode)
            limit = etree.fromstring(subview['arch']).get('limit')
            self.subreads.append((name, comodel, list(subview['fields']), int(limit) if limit else WEB_LIMIT))

    def open(self, env, res_id):
        """The reads of one open; returns {x2many field: number of related records}."""
        values = env[self.model].browse(res_id).read(self.fields)[0]
        sizes = {}
        for name, comodel, subfields, limit in self.subreads:
            ids = values[name]
            sizes[name] = len(ids)
            if ids:
                env[comodel].browse(ids[:limit]).read(subfields)
        return sizes

    def count(self, env, res_id):
        """Queries of one open after a warm-up open, the record caches cleared before each."""
        env.clear()
        self.open(env, res_id)
        env.clear()
        before = env.cr.sql_log_count
        sizes = self.open(env, res_id)
        count = env.cr.sql_log_count - before
        env.clear()
        return count, sizes


def measure(env, screen, cases, model, view_id, sizes):
    """The row of one screen: queries with many related records (ours) against few (baseline).
    ``cases``: [(user, record id)] with few then with many related records; ``sizes``: their nominal sizes."""
    context = dict(env.context, bin_size=True)   # as the web client reads: sizes of binaries, not their data
    counter = Counter(env(user=cases[0][0].id, context=context), model, view_id)
    counts = [counter.count(env(user=user.id, context=context), res_id) for user, res_id in cases]
    (few, few_sizes), (many, many_sizes) = counts

    def related(values):
        return ', '.join('%s %d' % (name, number) for name, number in sorted(values.items()) if number) or 'none'
    ratio = float(many) / few if few else 1.0
    note = '%s %d vs %d: %d queries (%s) vs %d (%s), as %s' % (
        model, sizes[0], sizes[1], few, related(few_sizes), many, related(many_sizes), cases[0][0].login)
    return Row(MODULE, '%s: SQL queries per open, few vs many related records' % screen,
               many, few, ratio, TARGET, ratio <= 1.1, note)


# Data -------------------------------------------------------------------------------------------------------

def clone(env, record, count, **overrides):
    """``count`` copies of ``record``'s row made in one INSERT … SELECT (``overrides``: column → SQL expression,
    ``g`` is the copy's number); returns the copies. Only for rows the screens read: no ORM side effects."""
    if count <= 0:
        return record.browse()
    table = record._table
    env.cr.execute("SELECT column_name FROM information_schema.columns WHERE table_name = %s AND column_name != 'id'",
                   [table])
    columns = [column for column, in env.cr.fetchall()]
    # text columns of unique indexes (numbers, codes) get the copy's number appended
    env.cr.execute("""SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid
                       AND a.attnum = ANY(i.indkey) WHERE i.indrelid = %s::regclass AND i.indisunique
                       AND NOT i.indisprimary AND a.atttypid IN ('varchar'::regtype, 'text'::regtype)""", [table])
    unique = {column for column, in env.cr.fetchall()}
    values = [overrides.get(column, "t.%s || '-' || g" % column if column in unique else 't.' + column)
              for column in columns]
    query = 'INSERT INTO %s (%s) SELECT %s FROM %s t, generate_series(1, %%s) g WHERE t.id = %%s RETURNING id' % (
        table, ', '.join('"%s"' % column for column in columns), ', '.join(values), table)
    env.cr.execute(query, [count, record.id])
    return record.browse([row_id for row_id, in env.cr.fetchall()])


def create_user(env, login, name, groups):
    group_ids = [env.ref(xmlid).id for xmlid in ['base.group_user'] + groups]
    return env['res.users'].with_context(no_reset_password=True, mail_create_nolog=True).create({
        'name': name, 'login': login, 'email': '%s@example.cn' % login, 'groups_id': [(6, 0, group_ids)]})


def products(env, count=WEB_LIMIT):
    """Distinct products for the lines (a page of lines shows as many), so that a query per product shows too."""
    return [env['product.product'].create({
        'name': '基准伺服电机 %02d' % number, 'type': 'consu', 'list_price': 2500.0 + number,
        'standard_price': 1800.0, 'invoice_policy': 'order', 'taxes_id': [(6, 0, [])]}) for number in range(count)]


def customer_360(env, user, size, items):
    """A customer company of ``user`` with ``size`` contacts, follow-ups, loyalty lines, opportunities,
    quotations, contracts and instalments."""
    Partner = env['res.partner']
    customer = Partner.create({'name': '基准客户%s有限公司' % size, 'is_company': True, 'customer': True,
                               'user_id': user.id, 'email': 'customer%s@example.cn' % size})
    contact = Partner.create({'name': '周经理', 'parent_id': customer.id, 'email': 'zhou%s@example.cn' % size})
    clone(env, contact, size - 1, name="'联系人' || g")
    follow_up = env['crm.customer.follow.up'].create({
        'partner_id': customer.id, 'contact_id': contact.id, 'user_id': user.id, 'content': '电话沟通需求'})
    clone(env, follow_up, size - 1)
    loyalty = env['crm.loyalty.point.line'].create({
        'partner_id': customer.id, 'points': 10, 'reason': '年度采购', 'user_id': user.id})
    clone(env, loyalty, size - 1)
    lead = env['crm.lead'].create({'name': '基准商机', 'type': 'opportunity', 'partner_id': customer.id,
                                   'user_id': user.id})
    clone(env, lead, size - 1, name="'基准商机' || g")
    item = items[0]
    order = env['sale.order'].create({'partner_id': customer.id, 'user_id': user.id, 'order_line': [(0, 0, {
        'product_id': item.id, 'name': item.name, 'product_uom_qty': 1, 'product_uom': item.uom_id.id,
        'price_unit': 2500.0, 'tax_id': [(6, 0, [])]})]})
    clone(env, order, size - 1, name="t.name || '-' || g")
    contract = env['sale.contract'].create({
        'title': '基准合同', 'partner_id': customer.id, 'user_id': user.id, 'amount_total': 10000.0,
        'payment_plan_ids': [(0, 0, {'name': '预付款', 'amount': 10000.0, 'trigger': 'date',
                                     'due_date': '2099-06-30'})]})
    clone(env, contract, size - 1, name="t.name || '-' || g")
    clone(env, contract.payment_plan_ids, size - 1)
    return customer.id


def opportunity(env, user, size, items):
    """An opportunity of ``user`` with ``size`` product lines, stage-history rows, expenses, issues, visits,
    decision makers and activities."""
    customer = env['res.partner'].create({'name': '基准商机客户%s有限公司' % size, 'is_company': True,
                                          'customer': True, 'user_id': user.id})
    contact = env['res.partner'].create({'name': '李总', 'parent_id': customer.id})
    lead = env['crm.lead'].create({'name': '基准商机%s' % size, 'type': 'opportunity', 'partner_id': customer.id,
                                   'user_id': user.id, 'planned_revenue': 500000.0})
    expense_type = env['crm.lead.expense.type'].search([], limit=1) or env['crm.lead.expense.type'].create(
        {'name': '差旅费'})
    children = [
        env['crm.lead.product'].create({'lead_id': lead.id, 'product_id': items[0].id}),
        env['crm.lead.expense'].create({'lead_id': lead.id, 'expense_type_id': expense_type.id, 'amount': 300.0}),
        env['crm.lead.issue'].create({'lead_id': lead.id, 'name': '技术参数待确认'}),
        env['crm.lead.visit.plan'].create({'lead_id': lead.id, 'start': '2099-01-05 02:00:00', 'purpose': '现场调研'}),
        env['crm.lead.decision.member'].create({'lead_id': lead.id, 'partner_id': contact.id}),
        env['mail.activity'].create({'res_model_id': env.ref('crm.model_crm_lead').id, 'res_id': lead.id,
                                     'user_id': user.id, 'summary': '回访', 'date_deadline': '2099-01-05',
                                     'activity_type_id': env.ref('mail.mail_activity_data_call').id}),
    ]
    history = lead.stage_history_ids[:1]
    if history:
        children.append(history)
    for child in children:
        if child._name == 'crm.lead.decision.member':   # one row per contact
            contacts = clone(env, contact, size - 1, name="'决策人' || g")
            clone(env, child, size - 1, partner_id='(ARRAY[%s])[g]' % ','.join(map(str, contacts.ids)))
        else:
            clone(env, child, size - 1)
    return lead.id


def quotation(env, user, size, items):
    """A quotation of ``user`` with ``size`` lines."""
    customer = env['res.partner'].create({'name': '基准报价客户%s有限公司' % size, 'is_company': True,
                                          'customer': True, 'user_id': user.id})
    lines = [items[number % len(items)] for number in range(size)]
    order = env['sale.order'].create({'partner_id': customer.id, 'user_id': user.id, 'order_line': [(0, 0, {
        'product_id': line.id, 'name': '%s 规格%d' % (line.name, number), 'product_uom_qty': 1 + number,
        'product_uom': line.uom_id.id, 'price_unit': 2500.0, 'tax_id': [(6, 0, [])]})
        for number, line in enumerate(lines)]})
    return order.id


def contract(env, user, size, items):
    """A signed contract of ``user`` with ``size`` lines and ``size`` instalments, each invoiced."""
    customer = env['res.partner'].create({'name': '基准合同客户%s有限公司' % size, 'is_company': True,
                                          'customer': True, 'user_id': user.id})
    record = env['sale.contract'].create({
        'title': '基准合同%s' % size, 'partner_id': customer.id, 'user_id': user.id, 'amount_total': 1000.0 * size,
        'line_ids': [(0, 0, {'product_id': items[number % len(items)].id, 'name': '伺服电机 %d' % number,
                             'product_uom_qty': 1, 'price_unit': 1000.0}) for number in range(size)],
        'payment_plan_ids': [(0, 0, {'sequence': number, 'name': '第%d期' % (number + 1), 'amount': 1000.0,
                                     'trigger': 'date', 'due_date': '2099-06-30'}) for number in range(size)]})
    record.action_submit()
    record.action_approve()
    record.action_sign()
    record.payment_plan_ids.action_create_invoice()
    return record.id


def console_owner(env, user, size):
    """``size`` open opportunities of ``user`` and ``size`` activities (half today, half overdue)."""
    customer = env['res.partner'].create({'name': '基准工作台客户%s有限公司' % size, 'is_company': True,
                                          'customer': True, 'user_id': user.id})
    lead = env['crm.lead'].create({'name': '基准工作台商机', 'type': 'opportunity', 'partner_id': customer.id,
                                   'user_id': user.id, 'planned_revenue': 80000.0, 'probability': 30})
    clone(env, lead, size - 1, name="'基准工作台商机' || g",
          stage_id='(SELECT id FROM crm_stage ORDER BY sequence, id OFFSET (g %% 3) LIMIT 1)')
    today = env['mail.activity'].create({
        'res_model_id': env.ref('crm.model_crm_lead').id, 'res_id': lead.id, 'user_id': user.id,
        'summary': '回访', 'date_deadline': fields.Date.context_today(env['res.partner'].sudo(user)),
        'activity_type_id': env.ref('mail.mail_activity_data_call').id})
    clone(env, today, size - 1, date_deadline="t.date_deadline - (g %% 2) * 3")


def run(registry, scale):
    rows = []
    with environment(registry) as env:
        env = env(context=dict(env.context, tracking_disable=True, mail_create_nolog=True, mail_notrack=True))
        items = products(env)
        sales = create_user(env, 'bench_qc_sales', '基准销售员', ['sales_team.group_sale_salesman'])
        screens = [
            ('customer 360°', 'res.partner', None, customer_360, 5, 500),
            ('opportunity form', 'crm.lead', 'crm.crm_case_form_view_oppor', opportunity, 5, 500),
            ('quotation form', 'sale.order', None, quotation, 5, 200),
            ('contract form', 'sale.contract', None, contract, 5, 100),
        ]
        for screen, model, view, build, few, many in screens:
            few_id, many_id = build(env, sales, few, items), build(env, sales, many, items)
            rows.append(measure(env, screen, [(sales, few_id), (sales, many_id)], model,
                                env.ref(view).id if view else None, (few, many)))
        if 'sales.console' in env:
            consoles = []
            for size in (20, 2000):
                user = create_user(env, 'bench_qc_console_%d' % size, '基准工作台%d' % size,
                                   ['sales_team.group_sale_salesman'])
                console_owner(env, user, size)
                # the menu entry creates the user's console (not counted), the form then reads it
                consoles.append((user, env['sales.console'].sudo(user).action_open_console()['res_id']))
            rows.append(measure(env, 'sales console', consoles, 'sales.console',
                                env.ref('sales_team_mgmt.sales_console_view_form').id, (20, 2000)))
    return rows, 'SQL queries of one form open (read of the form fields, first page of each x2many) as a ' \
                 'salesperson, few vs many related records, data created and rolled back in the run'
