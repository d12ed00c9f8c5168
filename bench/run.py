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
import sales_funnel_bench  # noqa: E402

SUITES = {'crm_lifecycle': crm_lifecycle_bench, 'sales_funnel': sales_funnel_bench}


def fmt_seconds(value):
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


def main(db, scale, modules):
    registry = common.load_odoo(db)
    rows, notes = [], []
    for name in modules or SUITES:
        suite_rows, note = SUITES[name].run(registry, scale)
        rows += suite_rows
        notes.append('%s: %s' % (name, note))
    text = table(rows)
    print(text)
    header = '# Benchmark results\n\n%s, %s, %d CPUs, scale %s customers\n\n%s\n' % (
        datetime.date.today().isoformat(), platform.platform(), os.cpu_count(), format(scale, ','),
        '\n'.join('- ' + note for note in notes))
    with open(os.path.join(common.ROOT, 'bench', 'RESULTS.md'), 'w') as out:
        out.write(header + '\n' + text + '\n')
    return all(row.passed for row in rows)


if __name__ == '__main__':
    sys.exit(0 if main(sys.argv[1], int(sys.argv[2]), sys.argv[3:]) else 1)
