"""Run the module benchmarks on an existing database and print (and keep) one results table.

    python bench/run.py DB SCALE [MODULE ...]

SCALE is the number of customers (1,000,000 at full scale). See scripts/bench.sh (`make bench`).
"""
import datetime
import os
import platform
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import common  # noqa: E402
import crm_lifecycle_bench  # noqa: E402
import query_counts_bench  # noqa: E402
import sales_funnel_bench  # noqa: E402
import sales_team_mgmt_bench  # noqa: E402

SUITES = {'crm_lifecycle': crm_lifecycle_bench, 'sales_funnel': sales_funnel_bench,
          'sales_team_mgmt': sales_team_mgmt_bench, 'query_counts': query_counts_bench}


def fmt_seconds(value):
    if isinstance(value, int):   # a count (query counts), not seconds
        return '%d' % value
    return '%.1f ms' % (value * 1000) if value < 1 else '%.2f s' % value


def table(rows):
    lines = ['| module | work | ours | baseline | ratio | target | result | note |',
             '|---|---|---|---|---|---|---|---|']
    for row in rows:
        lines.append('| %s | %s | %s | %s | %s× | %s | %s | %s |' % (
            row.module, row.work, fmt_seconds(row.ours), fmt_seconds(row.baseline),
            '%.2f' % row.ratio if row.ratio < 1 else '%.1f' % row.ratio, row.target,
            'pass' if row.passed else 'FAIL', row.note))
    return '\n'.join(lines)


def previous_rows(path, modules):
    """Table lines and notes of the last results for the modules not run now: ``make bench MODULES=x``
    updates x's rows and keeps the others' (each note says when its rows were measured)."""
    try:
        text = open(path).read()
    except FileNotFoundError:
        return [], []
    lines = [line for line in text.splitlines() if line.startswith('| ') and line.split(' | ')[0][2:] in SUITES
             and line.split(' | ')[0][2:] not in modules]
    notes = [line[2:] for line in text.splitlines() if line.startswith('- ') and line[2:].split(':')[0] in SUITES
             and line[2:].split(':')[0] not in modules]
    return lines, notes


def load_test_sections(path):
    """The sections bench/load_test.py wrote (``## Load test (...)``), kept below the table."""
    try:
        text = open(path).read()
    except FileNotFoundError:
        return ''
    start = text.find('\n## Load test')
    return '\n' + text[start + 1:] if start >= 0 else ''


def postgresql_memory(registry):
    """The server's memory settings, which decide how much of the benchmark database stays in memory."""
    with common.environment(registry) as env:
        env.cr.execute("SELECT current_setting('shared_buffers'), current_setting('effective_cache_size')")
        return 'PostgreSQL shared_buffers %s, effective_cache_size %s' % env.cr.fetchone()


def write_results(path, scale, rows, notes, modules, started, memory):
    """The table of this run's rows, then the last rows of the suites not run; the load test sections below."""
    kept_lines, kept_notes = previous_rows(path, modules)
    minutes = (datetime.datetime.utcnow() - started).total_seconds() / 60
    run = 'This run: %s, started %s UTC, %.0f min with the generation; %s.' % (
        ', '.join(modules), started.strftime('%Y-%m-%d %H:%M'), minutes, memory)
    header = '# Benchmark results\n\n%s, %d CPUs, scale %s\n\n%s\n\n%s\n' % (
        platform.platform(), os.cpu_count(), format(scale, ','), run,
        '\n'.join('- ' + note for note in kept_notes + notes))
    sections = load_test_sections(path)
    with open(path, 'w') as out:
        out.write(header + '\n' + '\n'.join([table(rows)] + kept_lines) + '\n' + sections)


def main(db, scale, modules):
    registry = common.load_odoo(db)
    modules = modules or list(SUITES)
    path, started = common.RESULTS_PATH, datetime.datetime.utcnow()
    rows, notes, done = [], [], []
    memory = postgresql_memory(registry)
    for name in modules:
        suite_rows, note = SUITES[name].run(registry, scale)
        rows += suite_rows
        notes.append('%s: %s (%s)' % (name, note, datetime.date.today().isoformat()))
        done.append(name)
        # after each suite: a later suite that fails does not lose the finished ones' rows
        write_results(path, scale, rows, notes, done, started, memory)
    print(table(rows))
    return all(row.passed for row in rows)


if __name__ == '__main__':
    sys.exit(0 if main(sys.argv[1], int(sys.argv[2]), sys.argv[3:]) else 1)
