"""Write addons/sales_funnel/demo/sales_funnel_history_demo.xml: a year of opportunities with their stage history.

About sixty opportunities of the four demo salespeople over the two demo sales methods (项目型销售, 快速交易),
each with the whole path it took through the stages as crm.lead.stage.history rows, so that the funnel
analytics, the forecast and the exception cron show real shapes:

* each salesperson has his own win rate and speed (张伟 fast and good, 刘洋 few large deals, 李娜 average,
  王芳 slow with many losses);
* conversion falls stage by stage, and most opportunities that are lost are lost at the quotation
  (方案报价 / 报价);
* a few go a step back (商务谈判 → 方案报价, 签约 → 报价) and a few quick deals skip 报价 (the loose method
  allows it);
* the open ones sit in every stage, some longer than the stage's maximum days (stalled).

It also gives the opportunities of demo/sales_funnel_demo.xml the history that leads to their stage.

Deterministic: one seeded random generator and dates as "N days before the day the demo is loaded"
(``DateTime.today() - relativedelta(days=N)`` at a fixed time of day, UTC), so the demo always looks recent
and the file only changes when this script does. The crm.lead records carry the context
``crm_skip_stage_history`` so that loading them writes no history of its own: the rows below are the history.

Won opportunities go to customers that are already at 成交 or later (a won deal moves its customer there)
and that the recall demo of crm_lifecycle does not use, so that the customer demo keeps its story.

Run from the repository root:  python3 scripts/gen_funnel_demo.py
"""
import collections
import os
import random
from xml.sax.saxutils import escape

SEED = 20240634
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'addons', 'sales_funnel', 'demo',
                   'sales_funnel_history_demo.xml')
COMPANY = 'base.main_company'
DIRECTOR = 'crm_lifecycle.user_director'

Stage = collections.namedtuple('Stage', 'xmlid name probability max_days advance')
Method = collections.namedtuple('Method', 'xmlid name stages won types pricing_stage')

# ``advance``: the base chance that an opportunity in the stage moves on (the rest are lost there).
PROJECT = Method('sales_method_project', '项目型销售', [
    Stage('stage_project_contact', '初步接洽', 10, 14, 0.85),
    Stage('stage_project_analysis', '需求分析', 25, 21, 0.8),
    Stage('stage_project_proposal', '方案报价', 45, 30, 0.5),
    Stage('stage_project_negotiation', '商务谈判', 70, 30, 0.8),
], Stage('stage_project_won', '赢单', 100, 0, None), ['new_project', 'tender'], 'stage_project_proposal')
QUICK = Method('sales_method_quick', '快速交易', [
    Stage('stage_quick_intent', '意向确认', 30, 7, 0.85),
    Stage('stage_quick_quote', '报价', 60, 14, 0.55),
    Stage('stage_quick_signing', '签约', 85, 14, 0.9),
], Stage('stage_quick_won', '成交', 100, 0, None), ['upsell', 'renewal'], 'stage_quick_quote')

TYPES = {
    'new_project': ('opportunity_type_new_project', '新项目', (500000, 3000000)),
    'tender': ('opportunity_type_tender', '招投标', (800000, 3000000)),
    'upsell': ('opportunity_type_upsell', '增购', (50000, 600000)),
    'renewal': ('opportunity_type_renewal', '续约', (50000, 300000)),
}
# (xml id part, name) of the projects of each type
PROJECTS = {
    'new_project': [('automation', '生产线自动化改造'), ('mes', 'MES 系统实施'), ('asrs', '立体仓库建设'),
                    ('inspection', '智能检测线'), ('energy', '能源管理系统'), ('agv', '车间 AGV 物流项目'),
                    ('digital', '数字化工厂一期'), ('vision', '机器视觉质检')],
    'tender': [('tender_power', '配电系统公开招标'), ('tender_equipment', '生产设备采购招标'),
               ('tender_smart', '厂区智能化改造招标'), ('tender_logistics', '仓储物流系统招标')],
    'upsell': [('servo', '伺服电机增购'), ('sensor', '传感器增购'), ('spares', '备品备件增购'),
               ('inverter', '变频器增购'), ('ipc', '工控机增购'), ('forklift', '叉车配件增购')],
    'renewal': [('maintenance', '年度设备维保续约'), ('software', '软件服务年费续约'),
                ('consignment', '备件寄售协议续约'), ('remote', '远程运维服务续约')],
}

# Customers of crm_lifecycle's demo by owner: xml id (without "customer_") -> short name. ``won``: those
# a won deal may go to (already 成交 or later, not in the recall demo).
PEOPLE = collections.OrderedDict([
    ('east', dict(
        user='crm_lifecycle.user_salesperson_east', name='张伟', team='crm_lifecycle.team_east_china',
        count=18, speed=0.6, skill=1.12, project_share=0.45, scale=1.0,
        customers={'jinling': '金陵机电', 'hangzhou': '西湖智能', 'hengrui': '恒瑞精密', 'huasheng': '华晟电气',
                   'gangxing': '港兴货代', 'runtai': '润泰新材', 'yunfan': '云帆网络', 'wanjiang': '皖江汽配',
                   'oujiang': '瓯江阀门', 'haichen': '海晨船配', 'ganxin': '赣鑫机电'},
        won=['jinling', 'hangzhou', 'hengrui', 'huasheng', 'gangxing'])),
    ('lead', dict(
        user='crm_lifecycle.user_team_lead', name='刘洋', team='crm_lifecycle.team_east_china',
        count=9, speed=0.85, skill=1.2, project_share=0.7, scale=1.4,
        customers={'hairunda': '海润达', 'quancheng': '泉城重工', 'lingang': '临港智造', 'ludao': '鹭岛进出口',
                   'gangxin': '港鑫货代'},
        won=['hairunda', 'quancheng', 'lingang'])),
    ('south', dict(
        user='crm_lifecycle.user_salesperson_south', name='李娜', team='crm_lifecycle.team_south_china',
        count=16, speed=1.0, skill=1.0, project_share=0.5, scale=0.9,
        customers={'guangzhou': '珠江五金', 'shengda': '晟达精密', 'shuxin': '蜀信通信', 'topuda': '拓普达',
                   'hengtong': '恒通物流', 'mingtai': '铭泰汽配', 'bagui': '八桂农机', 'chuncheng': '春城园林',
                   'pengcheng': '鹏程跨境'},
        won=['guangzhou', 'shengda', 'shuxin', 'topuda', 'hengtong', 'mingtai'])),
    ('north', dict(
        user='crm_lifecycle.user_salesperson_north', name='王芳', team='crm_lifecycle.team_north_china',
        count=15, speed=1.45, skill=0.78, project_share=0.6, scale=1.1,
        customers={'beijing': '中关村电子', 'jingcheng': '京诚博远', 'gangwan': '港湾重装', 'jinyang': '晋阳煤机',
                   'beijiang': '北疆能源', 'shengjing': '盛京数控', 'beifang': '北方汽配', 'bingcheng': '冰城暖通',
                   'xinyuan': '鑫源包装', 'jiahe': '中原嘉禾', 'guanggu': '光谷激光'},
        won=['jingcheng', 'gangwan', 'shengjing', 'jiahe'])),
])

LOST_REASONS = [  # xml id, name (None: crm's own record), the stages where it is the usual reason
    ('crm.lost_reason_1', None, 'late'),  # Too expensive / 太昂贵
    ('lost_reason_competitor', '选择了竞争对手', 'late'),
    ('lost_reason_project_cancelled', '项目取消', 'early'),
    ('lost_reason_no_budget', '预算不足', 'early'),
]

# The opportunities of demo/sales_funnel_demo.xml: the path to their current stage, as
# (event, stage reached, days ago), and the owner key (None: unassigned).
FIXED = [
    ('opportunity_jinling_automation', 'east', PROJECT, 1280000,
     [('create', 'stage_project_contact', 38), ('stage', 'stage_project_analysis', 16)]),
    ('opportunity_hangzhou_sorting', 'east', QUICK, 360000,
     [('create', 'stage_quick_intent', 19), ('stage', 'stage_quick_quote', 9)]),
    ('opportunity_guangzhou_maintenance', 'south', QUICK, 180000,
     [('create', 'stage_quick_intent', 5)]),
    ('opportunity_beijing_tender', 'north', PROJECT, 2600000,
     [('create', 'stage_project_contact', 52), ('stage', 'stage_project_analysis', 27)]),
    ('opportunity_tianjin_conveyor', 'north', PROJECT, 450000,
     [('create', 'stage_project_contact', 11)]),
]
# Unassigned opportunities from inquiries, waiting in the first stage to be claimed (领用).
UNASSIGNED = [
    ('wujiang', '吴江丝绸', 'crm_lifecycle.team_east_china', 'new_project', 'digital', 760000, 6),
    ('gucheng', '古城精工', 'crm_lifecycle.team_north_china', 'tender', 'tender_equipment', 1350000, 3),
]


class Row(object):
    """One history row: ``days`` ago at ``time`` (UTC) of that day."""

    def __init__(self, event, from_stage, to_stage, days, time, amount):
        self.event, self.from_stage, self.to_stage = event, from_stage, to_stage
        self.days, self.time, self.amount = days, time, amount

    @property
    def hours(self):
        hour, minute = self.time
        return hour + minute / 60.0


class Opportunity(object):

    def __init__(self, xmlid, person, method, type_key, name, customer, rows, outcome, lost_reason=None,
                 deadline_days=None, team=None):
        self.xmlid, self.person, self.method, self.type_key = xmlid, person, method, type_key
        self.name, self.customer, self.rows, self.outcome = name, customer, rows, outcome
        self.lost_reason, self.deadline_days = lost_reason, deadline_days
        self.team = team or (PEOPLE[person]['team'] if person else False)

    @property
    def stage(self):
        last = self.rows[-1]
        return last.from_stage if last.event == 'lost' else last.to_stage

    @property
    def amount(self):
        return self.rows[-1].amount


def stage_of(method, xmlid):
    for stage in method.stages + [method.won]:
        if stage.xmlid == xmlid:
            return stage
    raise KeyError(xmlid)


def round_amount(amount):
    step = 10000 if amount >= 1000000 else 1000
    return int(max(50000, min(3000000, round(amount / step) * step)))


def time_of_day(rng):
    """Office hours in China (09:00–17:30), stored in UTC."""
    return rng.randint(1, 9), rng.choice(range(0, 60, 5))


def simulate(rng, person, method, start, amount):
    """The path of one opportunity created ``start`` days ago: its rows and its outcome (open, won, lost)."""
    stages, index = method.stages, 0
    rows = [Row('create', None, stages[0], start, time_of_day(rng), amount)]
    days, stepped_back, requoted = start, False, False
    while True:
        stage = stages[index]
        stay = max(1, int(round(stage.max_days * person['speed'] * rng.uniform(0.35, 1.4))))
        if days - stay < 1:
            return rows, 'open'
        days -= stay
        last_stage = index == len(stages) - 1
        if last_stage and not stepped_back and rng.random() < 0.12:
            # the customer reopens the price: back to the quotation
            stepped_back = True
            index = [s.xmlid for s in stages].index(method.pricing_stage)
            rows.append(Row('stage', stage, stages[index], days, time_of_day(rng), amount))
            continue
        chance = 0.8 if (stepped_back and stage.xmlid == method.pricing_stage and not requoted) \
            else min(0.95, stage.advance * person['skill'])
        if stage.xmlid == method.pricing_stage and stepped_back:
            requoted = True
        if rng.random() >= chance:
            rows.append(Row('lost', stage, None, days, time_of_day(rng), amount))
            return rows, 'lost'
        if last_stage:
            if rng.random() < 0.5:
                amount = round_amount(amount * rng.uniform(0.92, 1.0))  # the last discount at signing
            rows.append(Row('won', stage, method.won, days, time_of_day(rng), amount))
            return rows, 'won'
        step = 2 if (method is QUICK and index == 0 and rng.random() < 0.12) else 1  # loose: may skip 报价
        index += step
        if stages[index].xmlid == method.pricing_stage and not stepped_back:
            amount = round_amount(amount * rng.uniform(0.85, 1.12))  # the quotation revises the estimate
        rows.append(Row('stage', stage, stages[index], days, time_of_day(rng), amount))


def pick(rng, candidates, used):
    """The least used of ``candidates`` (random among equals)."""
    fewest = min(used[c] for c in candidates)
    choice = rng.choice(sorted(c for c in candidates if used[c] == fewest))
    used[choice] += 1
    return choice


def lost_reason_for(rng, stage, method):
    late = [s.xmlid for s in method.stages].index(stage.xmlid) >= [s.xmlid for s in method.stages].index(
        method.pricing_stage)
    usual = [r[0] for r in LOST_REASONS if r[2] == ('late' if late else 'early')]
    return rng.choice(usual) if rng.random() < 0.85 else rng.choice([r[0] for r in LOST_REASONS])


def generate():
    rng = random.Random(SEED)
    used_customers = collections.Counter()
    used_names = {('jinling', 'automation'), ('hangzhou', 'sorting'), ('guangzhou', 'maintenance'),
                  ('beijing', 'tender'), ('tianjin', 'conveyor')}
    opportunities = []
    for key, person in PEOPLE.items():
        # spread over the year, a third of them in the last quarter (the open pipeline)
        starts = sorted((rng.randint(3, 90) if rng.random() < 0.3 else rng.randint(3, 362)
                         for __ in range(person['count'])), reverse=True)
        for start in starts:
            method = PROJECT if rng.random() < person['project_share'] else QUICK
            type_key = rng.choice(method.types) if method is QUICK else (
                'tender' if rng.random() < 0.3 else 'new_project')
            low, high = TYPES[type_key][2]
            amount = round_amount(rng.uniform(low, high * 0.8) * person['scale'])
            rows, outcome = simulate(rng, person, method, start, amount)
            customers = person['won'] if outcome == 'won' else sorted(person['customers'])
            customer = pick(rng, customers, used_customers)
            projects = [p for p in PROJECTS[type_key] if (customer, p[0]) not in used_names]
            project_key, project_name = rng.choice(projects)
            used_names.add((customer, project_key))
            opportunity = Opportunity(
                'opportunity_%s_%s' % (customer, project_key), key, method, type_key,
                '%s %s' % (person['customers'][customer], project_name), customer, rows, outcome)
            # the expected closing date, in days from today (negative: past)
            if outcome == 'open':
                opportunity.deadline_days = rng.randint(15, 100)
            elif outcome == 'won':
                opportunity.deadline_days = -rows[-1].days
            else:
                opportunity.lost_reason = lost_reason_for(rng, opportunity.stage, method)
                opportunity.deadline_days = sum(s.max_days for s in method.stages) - start
            opportunities.append(opportunity)
    for customer, short, team, type_key, project_key, amount, days in UNASSIGNED:
        method = PROJECT if type_key in PROJECT.types else QUICK
        project_name = dict(PROJECTS[type_key])[project_key]
        rows = [Row('create', None, method.stages[0], days, time_of_day(rng), amount)]
        opportunities.append(Opportunity('opportunity_%s_%s' % (customer, project_key), None, method, type_key,
                                         '%s %s' % (short, project_name), customer, rows, 'open',
                                         deadline_days=rng.randint(45, 120), team=team))
    fixed = []
    for xmlid, key, method, amount, path in FIXED:
        rows, previous = [], None
        for event, stage_xmlid, days in path:
            stage = stage_of(method, stage_xmlid)
            rows.append(Row(event, previous, stage, days, time_of_day(rng), amount))
            previous = stage
        fixed.append(Opportunity(xmlid, key, method, None, None, None, rows, 'open'))
    check_shapes(opportunities + fixed)
    return opportunities, fixed


def check_shapes(opportunities):
    """The demo must show what it is for; a new seed or new parameters must keep these."""
    for method in (PROJECT, QUICK):
        mine = [o for o in opportunities if o.method is method]
        for stage in method.stages:
            assert any(o.outcome == 'open' and o.stage is stage for o in mine), 'no open opportunity in ' + stage.name
        for outcome in ('won', 'lost'):
            assert any(o.outcome == outcome for o in mine), 'no %s opportunity of %s' % (outcome, method.name)
        assert any(r.event == 'stage' and method.stages.index(r.to_stage) < method.stages.index(r.from_stage)
                   for o in mine for r in o.rows if r.event == 'stage'), 'no step back in ' + method.name
        lost_at = collections.Counter(o.stage.xmlid for o in mine if o.outcome == 'lost')
        assert lost_at.most_common(1)[0][0] == method.pricing_stage, 'most losses of %s not at the quotation: %s' % (
            method.name, lost_at)
    assert any(r.event == 'stage' and r.from_stage.xmlid == 'stage_quick_intent'
               and r.to_stage.xmlid == 'stage_quick_signing' for o in opportunities for r in o.rows), 'no skip'
    rates = {}
    for key in PEOPLE:
        closed = [o for o in opportunities if o.person == key and o.outcome in ('won', 'lost')]
        won = [o for o in closed if o.outcome == 'won']
        assert won and len(won) < len(closed), '%s needs won and lost opportunities' % key
        rates[key] = len(won) / float(len(closed))
    assert rates['lead'] > rates['south'] > rates['north'] and rates['east'] > rates['south'], rates
    assert any(o.outcome == 'open' and o.rows[-1].days > o.stage.max_days for o in opportunities), 'none stalled'
    for o in opportunities:
        assert all(a.days > b.days for a, b in zip(o.rows, o.rows[1:])), o.xmlid
        assert o.rows[-1].days >= 1, o.xmlid


# ------------------------------------------------------------------------------------------------------
# XML
# ------------------------------------------------------------------------------------------------------
def ago(days, time):
    """A datetime ``days`` before the day the demo is loaded, at ``time`` (hour, minute) UTC."""
    return "(DateTime.today() - relativedelta(days=%d)).strftime('%%Y-%%m-%%d %02d:%02d:00')" % ((days,) + time)


def in_days(days):
    """A date ``days`` after (negative: before) the day the demo is loaded."""
    sign = '+' if days >= 0 else '-'
    return "(DateTime.today() %s relativedelta(days=%d)).strftime('%%Y-%%m-%%d')" % (sign, abs(days))


def field(name, value=None, ref=None, eval_=None):
    if ref is not None:
        return '        <field name="%s" ref="%s"/>' % (name, ref)
    if eval_ is not None:
        return '        <field name="%s" eval="%s"/>' % (name, escape(eval_, {'"': '&quot;'}))
    return '        <field name="%s">%s</field>' % (name, escape(str(value)))


def path_text(o):
    names = [o.rows[0].to_stage.name] + [r.to_stage.name if r.to_stage else '丢单' for r in o.rows[1:]]
    return ' → '.join(names)


def comment(o):
    who = PEOPLE[o.person]['name'] if o.person else '未分配（待领用）'
    state = {'open': '进行中', 'won': '赢单', 'lost': '丢单'}[o.outcome]
    span = o.rows[0].days - (o.rows[-1].days if o.outcome != 'open' else 0)
    return '    <!-- %s · %s · %d 天前创建，%s %d 天：%s -->' % (
        who, o.method.name, o.rows[0].days, state, span, path_text(o))


def lead_record(o):
    person = PEOPLE[o.person] if o.person else None
    last = o.rows[-1]
    lines = [comment(o),
             '    <record id="%s" model="crm.lead" context="{\'crm_skip_stage_history\': True}">' % o.xmlid,
             field('type', 'opportunity'),
             field('name', o.name),
             field('partner_id', ref='crm_lifecycle.customer_' + o.customer)]
    lines.append(field('user_id', ref=person['user']) if person else field('user_id', eval_='False'))
    lines += [field('team_id', ref=o.team),
              field('opportunity_type_id', ref=TYPES[o.type_key][0]),
              field('stage_id', ref=o.stage.xmlid),
              field('planned_revenue', o.amount),
              field('probability', {'won': 100, 'lost': 0}.get(o.outcome, o.stage.probability))]
    if o.type_key in ('new_project', 'tender'):
        lines.append(field('budget_amount', round_amount(o.rows[0].amount * 1.15)))
    if o.amount >= 2000000:
        lines += [field('importance', 'critical'), field('is_key_project', eval_='True'), field('priority', '2')]
    elif o.amount >= 800000:
        lines.append(field('importance', 'high'))
    if person:
        lines.append(field('date_open', eval_=ago(o.rows[0].days, o.rows[0].time)))
    lines.append(field('date_last_stage_update', eval_=ago(last.days, last.time)))
    lines.append(field('date_deadline', eval_=in_days(o.deadline_days)))
    if o.outcome != 'open':
        lines.append(field('date_closed', eval_=ago(last.days, last.time)))
    if o.outcome == 'lost':
        lines += [field('active', eval_='False'), field('lost_reason', ref=o.lost_reason)]
    lines.append('    </record>')
    return lines


def fixed_record(o):
    """The opportunities of sales_funnel_demo.xml: when they were assigned and entered their stage."""
    last = o.rows[-1]
    return ['    <!-- %s · %s · 进行中：%s -->' % (PEOPLE[o.person]['name'], o.method.name, path_text(o)),
            '    <record id="%s" model="crm.lead" context="{\'crm_skip_stage_history\': True}">' % o.xmlid,
            field('date_open', eval_=ago(o.rows[0].days, o.rows[0].time)),
            field('date_last_stage_update', eval_=ago(last.days, last.time)),
            '    </record>']


def history_records(o):
    person = PEOPLE[o.person] if o.person else None
    lines, previous = [], None
    for number, row in enumerate(o.rows, 1):
        days_before = 0.0
        if previous is not None:
            days_before = round(previous.days - row.days + (row.hours - previous.hours) / 24.0, 2)
        lines.append('    <record id="%s_history_%d" model="crm.lead.stage.history">' % (o.xmlid, number))
        lines.append(field('lead_id', ref=o.xmlid))
        lines.append(field('event', row.event))
        if row.from_stage:
            lines.append(field('from_stage_id', ref=row.from_stage.xmlid))
        if row.to_stage:
            lines.append(field('to_stage_id', ref=row.to_stage.xmlid))
        lines.append(field('date', eval_=ago(row.days, row.time)))
        if person:
            lines.append(field('user_id', ref=person['user']))
        lines.append(field('changed_by_id', ref=person['user'] if person else DIRECTOR))
        lines += [field('team_id', ref=o.team),
                  field('sales_method_id', ref=o.method.xmlid),
                  field('company_id', ref=COMPANY),
                  field('days_in_previous_stage', '%.2f' % days_before),
                  field('amount', row.amount),
                  '    </record>']
        previous = row
    return lines


def write(opportunities, fixed):
    lines = ['<?xml version="1.0" encoding="utf-8"?>',
             '<!-- Generated by scripts/gen_funnel_demo.py (seed %d): edit the script, not this file. -->' % SEED,
             '<odoo>',
             '    <!-- Lost reasons besides crm\'s own "Too expensive" (太昂贵) -->']
    for xmlid, name, __ in LOST_REASONS:
        if name:
            lines += ['    <record id="%s" model="crm.lost.reason">' % xmlid, field('name', name), '    </record>']
    lines += ['',
              '    <!-- The opportunities of sales_funnel_demo.xml: the way to their current stage -->']
    for o in fixed:
        lines += fixed_record(o) + history_records(o)
    current = object()
    for o in opportunities:
        if o.person != current:
            current = o.person
            title = ('%s (%s)' % (PEOPLE[o.person]['name'], o.person)) if o.person else '未分配的商机（待领用）'
            lines += ['', '    <!-- ' + '=' * 90 + ' -->', '    <!-- %s -->' % title,
                      '    <!-- ' + '=' * 90 + ' -->']
        lines += [''] + lead_record(o) + history_records(o)
    lines += ['</odoo>', '']
    with open(OUT, 'w', encoding='utf-8') as out:
        out.write('\n'.join(lines))


def summary(opportunities):
    for key in list(PEOPLE) + [None]:
        mine = [o for o in opportunities if o.person == key]
        counts = collections.Counter(o.outcome for o in mine)
        print('%-6s %2d opportunities: %2d open, %2d won, %2d lost' % (
            key or '-', len(mine), counts['open'], counts['won'], counts['lost']))
    for method in (PROJECT, QUICK):
        mine = [o for o in opportunities if o.method is method]
        reached = collections.Counter(r.to_stage.name for o in mine for r in o.rows if r.to_stage)
        lost = collections.Counter(o.stage.name for o in mine if o.outcome == 'lost')
        open_ = collections.Counter(o.stage.name for o in mine if o.outcome == 'open')
        print(method.name, ', '.join('%s: %d entered, %d open, %d lost' % (
            s.name, reached[s.name], open_[s.name], lost[s.name]) for s in method.stages + [method.won]))


if __name__ == '__main__':
    generated, existing = generate()
    write(generated, existing)
    summary(generated + existing)
    print('wrote %s' % os.path.relpath(OUT))
