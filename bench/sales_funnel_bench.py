"""sales_funnel benchmarks (issue 5): the funnel report against one hand-written SQL query computing the
same numbers, and the exception cron against a hand-written SQL selection of the same opportunities,
on 1,000,000 generated opportunities with about 5,000,000 stage-history rows."""
from common import Row, captured_sql, environment, generation_note, timed, vacuum, write_profile

MODULE = 'sales_funnel'
# (name, control, [(stage, probability, max days)], won stage)
METHODS = [
    ('基准项目型', 'strict', [('接洽', 10, 14), ('需求', 25, 21), ('方案', 45, 30), ('谈判', 70, 30)], ('赢单', 100)),
    ('基准快速型', 'loose', [('意向', 30, 7), ('报价', 60, 14), ('签约', 85, 14)], ('成交', 100)),
]


def _methods(env):
    """The two benchmark methods: [(method id, [open stage ids], won stage id)]."""
    Method, Stage = env['crm.sales.method'], env['crm.stage']
    result = []
    for index, (name, control, stages, won) in enumerate(METHODS):
        method = Method.search([('name', '=', name)])
        if not method:
            method = Method.create({'name': name, 'control_mode': control, 'company_id': False})
            for position, (stage_name, probability, max_days) in enumerate(stages + [won + (0,)]):
                Stage.create({'name': stage_name, 'sales_method_id': method.id, 'probability': probability,
                              'on_change': True, 'max_days': max_days, 'sequence': 500 + 10 * index + position})
        ordered = method._ordered_stages()
        result.append((method.id, ordered[:-1].ids, ordered[-1].id))
    return result


def generate(registry, scale):
    """``scale`` opportunities over the two methods and the benchmark salespeople, and their stage history
    (a create row, 2-5 moves forward and, at the end of a method, back and forth, then won or lost for half
    of them), generated in PostgreSQL. Open opportunities moved lately; about one in twenty is stalled,
    overdue or without activity."""
    with environment(registry, commit=True) as env:
        env.cr.execute("SELECT count(*) FROM crm_lead WHERE name LIKE 'BENCH-%%'")
        if env.cr.fetchone()[0] >= scale:
            return False
        methods = _methods(env)
        env.cr.execute("SELECT id FROM res_users WHERE login LIKE 'bench_sales_%%' ORDER BY id")
        users = [user_id for user_id, in env.cr.fetchall()] or [env.uid]
        teams = []
        for index in range(0, len(users), 20):
            team = env['crm.team'].create({'name': '基准团队%02d' % (index // 20), 'user_id': users[index],
                                           'member_ids': [(6, 0, users[index:index + 20])]})
            teams.append(team.id)
        env.cr.execute("SELECT id FROM res_partner WHERE is_company AND customer ORDER BY id LIMIT 100000")
        customers = [partner_id for partner_id, in env.cr.fetchall()] or [None]
        params = {
            'scale': scale, 'users': users, 'teams': teams, 'customers': customers,
            'company_id': env.user.company_id.id, 'uid': env.uid,
            'method_ids': [method[0] for method in methods],
            # the open stages of each method as one padded 2-d array, and their count
            'stages': [method[1] + [method[1][-1]] * (4 - len(method[1])) for method in methods],
            'stage_counts': [len(method[1]) for method in methods],
            'won_stages': [method[2] for method in methods],
        }
        # One row per move: move 0 enters the first stage; move j goes one stage further until the last
        # open stage, then back and forth; the closing row (won into the won stage, lost out of the stage).
        env.cr.execute("""
            CREATE TEMP TABLE bench_move ON COMMIT DROP AS
            WITH lead AS (
                SELECT g, 1 + g %% 2 AS method, 2 + g %% 4 AS moves,
                       CASE WHEN g %% 10 < 2 THEN 'won' WHEN g %% 10 < 5 THEN 'lost' ELSE 'open' END AS outcome,
                       (now() AT TIME ZONE 'UTC') - ((30 + g %% 330) * INTERVAL '1 day') AS started
                  FROM generate_series(1, %(scale)s) g
            )
            SELECT lead.g, lead.method, lead.outcome, j,
                   CASE WHEN j <= m.count - 1 THEN j ELSE (m.count - 1) - ((j - (m.count - 1)) %% 2) END AS position,
                   CASE WHEN lead.outcome = 'open'  -- moved lately: the last move 0-9 days ago
                        THEN (now() AT TIME ZONE 'UTC') - (((lead.moves - j) * 2 + lead.g %% 10) * INTERVAL '1 day')
                        ELSE lead.started + (j * 3 + (lead.g * (j + 1)) %% 5) * INTERVAL '1 day' END AS date,
                   j = lead.moves AS last
              FROM lead
              JOIN LATERAL (SELECT (%(stage_counts)s::int[])[lead.method] AS count) m ON TRUE
              CROSS JOIN LATERAL generate_series(0, lead.moves) j""", params)
        env.cr.execute("""
            INSERT INTO crm_lead (id, name, type, active, stage_id, user_id, team_id, company_id, partner_id,
                                  probability, planned_revenue, date_deadline, date_last_stage_update, date_open,
                                  last_activity_date, date_closed, create_date, write_date, create_uid, write_uid,
                                  importance, project_state, priority, sales_method_id, color, message_bounce)
            SELECT nextval('crm_lead_id_seq'), 'BENCH-' || m.g, 'opportunity', m.outcome != 'lost',
                   CASE WHEN m.outcome = 'won' THEN (%(won_stages)s::int[])[m.method]
                        ELSE (%(stages)s::int[])[m.method][m.position + 1] END,
                   (%(users)s::int[])[1 + m.g %% array_length(%(users)s::int[], 1)],
                   (%(teams)s::int[])[1 + (m.g %% array_length(%(users)s::int[], 1)) / 20],
                   %(company_id)s,
                   (%(customers)s::int[])[1 + m.g %% array_length(%(customers)s::int[], 1)],
                   CASE m.outcome WHEN 'won' THEN 100 WHEN 'lost' THEN 0 ELSE 10 + 10 * m.position END,
                   10000 * (1 + m.g %% 300),
                   -- open ones (g %% 10 >= 5): some past their closing date, some stalled, some also inactive
                   (m.date + (CASE WHEN m.g %% 40 = 5 THEN -5 ELSE 30 + m.g %% 60 END) * INTERVAL '1 day')::date,
                   CASE WHEN m.outcome = 'open' AND m.g %% 50 IN (7, 9) THEN m.date - INTERVAL '60 days'
                        ELSE m.date END,
                   m.date,
                   CASE WHEN m.outcome = 'open' AND m.g %% 50 = 7 THEN m.date - INTERVAL '60 days' ELSE m.date END,
                   CASE WHEN m.outcome != 'open' THEN m.date + INTERVAL '2 days' END,
                   m.date, m.date, %(uid)s, %(uid)s, 'normal', 'none', '0',
                   (%(method_ids)s::int[])[m.method], 0, 0
              FROM bench_move m
             WHERE m.last
             ORDER BY m.g""", params)
        env.cr.execute("""
            CREATE TEMP TABLE bench_lead ON COMMIT DROP AS
            SELECT substring(name from 7)::int AS g, id, user_id, team_id FROM crm_lead WHERE name LIKE 'BENCH-%%'""")
        env.cr.execute("CREATE INDEX ON bench_lead (g)")
        env.cr.execute("""
            INSERT INTO crm_lead_stage_history (lead_id, event, from_stage_id, to_stage_id, date, changed_by_id,
                                                user_id, team_id, sales_method_id, company_id,
                                                days_in_previous_stage, amount, create_uid, create_date)
            SELECT lead.id, step.event, step.from_stage, step.to_stage, step.date, lead.user_id, lead.user_id,
                   lead.team_id, (%(method_ids)s::int[])[step.method], %(company_id)s, step.days,
                   10000 * (1 + step.g %% 300), %(uid)s, step.date
              FROM (
                    SELECT m.g, m.method, m.date,
                           CASE WHEN m.j = 0 THEN 'create' ELSE 'stage' END AS event,
                           CASE WHEN m.j > 0
                                THEN (%(stages)s::int[])[m.method][previous.position + 1] END AS from_stage,
                           (%(stages)s::int[])[m.method][m.position + 1] AS to_stage,
                           COALESCE(EXTRACT(EPOCH FROM m.date - previous.date) / 86400.0, 0) AS days
                      FROM bench_move m
                      LEFT JOIN bench_move previous ON previous.g = m.g AND previous.j = m.j - 1
                    UNION ALL
                    SELECT m.g, m.method, m.date + INTERVAL '2 days', m.outcome,
                           (%(stages)s::int[])[m.method][m.position + 1],
                           CASE WHEN m.outcome = 'won' THEN (%(won_stages)s::int[])[m.method] END, 2
                      FROM bench_move m
                     WHERE m.last AND m.outcome != 'open'
                   ) step
              JOIN bench_lead lead ON lead.g = step.g
             ORDER BY lead.id, step.date""", params)
    vacuum(registry, 'crm_lead')
    vacuum(registry, 'crm_lead_stage_history')
    return True


FUNNEL_MEASURES = ['stage_id', 'opportunity_count', 'promotion_rate', 'days_in_stage', 'lost_count']


def _funnel_by_hand(env):
    """The funnel per stage in one query written independently of the view: each opportunity's path in
    order (window functions), then per stage the opportunities that entered it, the share that reached a
    later stage, the average total days of those that left it, and those lost there."""
    env.cr.execute("""
        WITH step AS (
            SELECT h.lead_id, h.event, h.from_stage_id, h.to_stage_id, h.days_in_previous_stage,
                   MAX(to_stage.sequence) OVER (PARTITION BY h.lead_id) AS furthest
              FROM crm_lead_stage_history h
              LEFT JOIN crm_stage to_stage ON to_stage.id = h.to_stage_id
        ), per_lead_stage AS (
            SELECT s.lead_id, stage.id AS stage_id, stage.sequence, stage.probability, MAX(s.furthest) AS furthest,
                   BOOL_OR(s.to_stage_id = stage.id) AS entered,
                   SUM(s.days_in_previous_stage) FILTER (WHERE s.from_stage_id = stage.id) AS days,
                   BOOL_OR(s.event = 'lost' AND s.from_stage_id = stage.id) AS lost
              FROM step s
              JOIN crm_stage stage ON stage.id IN (s.from_stage_id, s.to_stage_id)
             GROUP BY s.lead_id, stage.id, stage.sequence, stage.probability
        )
        SELECT stage_id, COUNT(*),
               AVG(CASE WHEN furthest > sequence THEN 100.0 ELSE 0 END) FILTER (WHERE probability < 100),
               AVG(days), COUNT(*) FILTER (WHERE lost)
          FROM per_lead_stage
         WHERE entered
         GROUP BY stage_id""")
    return {row[0]: row[1:] for row in env.cr.fetchall()}


def bench_funnel_report(registry):
    with environment(registry) as env:
        Funnel = env['crm.funnel.report']
        for measured in (False, True):  # the first pass warms the caches for both
            ours, groups = timed(Funnel.read_group, [], FUNNEL_MEASURES, ['stage_id'], lazy=False)
            baseline, by_hand = timed(_funnel_by_hand, env)
        env.cr.execute("SELECT count(*) FROM crm_lead_stage_history")
        rows = env.cr.fetchone()[0]
    same = len(groups) == len(by_hand) and all(
        group['opportunity_count'] == by_hand[group['stage_id'][0]][0]
        and group['lost_count'] == by_hand[group['stage_id'][0]][3]
        and abs((group['promotion_rate'] or 0) - float(by_hand[group['stage_id'][0]][1] or 0)) < 0.01
        for group in groups)
    ratio = ours / baseline if baseline else 0
    return Row(MODULE, 'funnel report by stage (read_group on the view) vs one hand-written SQL query', ours,
               baseline, ratio, '≤ 1.5× the SQL', same and ratio <= 1.5,
               '%d history rows, %d stages; numbers %s' % (rows, len(groups), 'equal' if same else 'DIFFERENT'))


def bench_exception_cron(registry):
    from odoo import fields
    with environment(registry, commit=True) as env:  # a fresh start: no exception open
        env.cr.execute("DELETE FROM mail_activity WHERE activity_type_id = %s",
                       [env.ref('sales_funnel.mail_activity_type_opportunity_exception').id])
        env.cr.execute("DELETE FROM crm_lead_exception")
    with environment(registry) as env:
        Exception = env['crm.lead.exception']
        query = Exception._candidates_query()
        selection = {'now': fields.Datetime.now(), 'today': fields.Date.today()}
        env.cr.execute(query, selection)  # warm
        baseline = timed(env.cr.execute, query, selection)[0]
        found = len(env.cr.fetchall())
    rows = []
    for run in ('first run: opens them, with 2 activities each', 're-run: nothing new'):
        with environment(registry, commit=True) as env:  # the cron commits each batch itself
            ours = timed(env['crm.lead.exception']._cron_detect)[0]
            env.cr.execute("SELECT count(*) FROM crm_lead_exception WHERE state = 'open'")
            opened = env.cr.fetchone()[0]
        rows.append((run, ours, opened))
    (first, first_time, first_open), (rerun, rerun_time, rerun_open) = rows
    rerun_passed = rerun_time <= 2 * baseline and rerun_open == found
    rerun_note = '%d exceptions found by the SQL, %d open after the re-run' % (found, rerun_open)
    if not rerun_passed:
        rerun_note += ', profile: ' + _profile_exception_rerun(registry, baseline)
    return [
        Row(MODULE, 'exception cron, %s vs the SQL selection' % rerun, rerun_time, baseline, rerun_time / baseline,
            '≤ 2× the SQL', rerun_passed, rerun_note),
        Row(MODULE, 'exception cron, %s vs the SQL selection' % first, first_time, baseline, first_time / baseline,
            'reported', first_open == found, '%d opened' % first_open),
    ]


def _profile_exception_rerun(registry, baseline):
    """The re-run row's profile: one more re-run (it finds nothing new to commit), statement by statement."""
    with environment(registry) as env, captured_sql(env.cr) as statements:
        total = timed(env['crm.lead.exception']._cron_detect)[0]
    lines = ['%8.1f ms  %s' % (seconds * 1000, ' '.join(statement.split())[:150])
             for seconds, statement in sorted(statements, reverse=True)]
    return write_profile('exception-rerun.md', 'Exception cron re-run: where the time goes', [
        ('Re-run %.0f ms, the SQL selection alone %.0f ms' % (total * 1000, baseline * 1000),
         '```\n%s\n```' % '\n'.join(lines))])


def run(registry, scale):
    timing, generated = timed(generate, registry, scale)
    rows = [bench_funnel_report(registry)] + bench_exception_cron(registry)
    return rows, '%d opportunities, %s' % (scale, generation_note(timing, generated))
