"""Shared pieces of the benchmarks: an Odoo environment on the benchmark database, percentiles,
the result rows of the table and data generation helpers.

Benchmarks compare our code with a baseline measured in the same run on the same data and report
the ratio; they are not timed unit tests and do not run in CI at full scale.
"""
import collections
import contextlib
import os
import random
import time

import odoo
from odoo import SUPERUSER_ID

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RESULTS_PATH = os.path.join(ROOT, 'bench', 'RESULTS.md')  # written by run.py and load_test.py
PROFILES_DIR = os.path.join(ROOT, 'bench', 'profiles')  # what the table's notes link when a target is missed

# One row of the results table. ``ours`` and ``baseline`` are seconds; ``passed`` says whether the
# target holds; ``target`` says it in words.
Row = collections.namedtuple('Row', 'module work ours baseline ratio target passed note')


def load_odoo(db):
    odoo.tools.config.parse_config(['-c', os.path.join(ROOT, 'odoo.conf'), '-d', db])
    return odoo.registry(db)


@contextlib.contextmanager
def environment(registry, commit=False):
    """A superuser environment on its own cursor, rolled back unless ``commit``."""
    with odoo.api.Environment.manage(), registry.cursor() as cr:
        env = odoo.api.Environment(cr, SUPERUSER_ID, {'lang': 'en_US', 'tz': 'Asia/Shanghai'})
        try:
            yield env
            if commit:
                cr.commit()
            else:
                cr.rollback()
        finally:
            env.clear()


def vacuum(registry, table):
    """VACUUM ANALYZE after generating data: fresh statistics and visibility map, so that the
    measurements do not run beside autovacuum's own pass over the new rows."""
    with registry.cursor() as cr:
        cr.autocommit(True)
        cr.execute('VACUUM ANALYZE %s' % table)


@contextlib.contextmanager
def captured_sql(cr):
    """(seconds, statement with its parameters bound) of each statement ``cr`` runs in the block: a missed
    target's profile shows where the time went and EXPLAINs the statements again."""
    statements, execute = [], cr.execute

    def capture(query, params=None, log_exceptions=None):
        seconds, result = timed(execute, query, params, log_exceptions)
        statements.append((seconds, cr._obj.mogrify(query, params).decode()))
        return result
    cr.execute = capture
    try:
        yield statements
    finally:
        cr.execute = execute


def explain(cr, statement):
    """EXPLAIN (ANALYZE, BUFFERS) of ``statement``, as text."""
    cr.execute('EXPLAIN (ANALYZE, BUFFERS) ' + statement)
    return '\n'.join(line for line, in cr.fetchall())


def write_profile(name, title, sections):
    """bench/profiles/NAME with the (heading, text) sections; returns the path the table's note links."""
    os.makedirs(PROFILES_DIR, exist_ok=True)
    with open(os.path.join(PROFILES_DIR, name), 'w') as out:
        out.write('# %s\n\n' % title + ''.join('## %s\n\n%s\n\n' % section for section in sections))
    return os.path.relpath(os.path.join(PROFILES_DIR, name), ROOT)


def percentile(values, fraction):
    ordered = sorted(values)
    if not ordered:
        return 0.0
    index = min(len(ordered) - 1, max(0, int(round(fraction * (len(ordered) - 1)))))
    return ordered[index]


def timed(function, *args, **kwargs):
    """(seconds, result) of one call."""
    start = time.perf_counter()
    result = function(*args, **kwargs)
    return time.perf_counter() - start, result


def best_timed(function, *args, repeat=3, **kwargs):
    """(seconds, result) of the fastest of ``repeat`` calls, after one warm-up call: queries of a few hundred
    milliseconds vary with what else the machine does."""
    function(*args, **kwargs)
    runs = [timed(function, *args, **kwargs) for _run in range(repeat)]
    return min(run[0] for run in runs), runs[-1][1]


def sample_timings(function, inputs):
    """Seconds per call of ``function(item)`` for each item."""
    return [timed(function, item)[0] for item in inputs]


@contextlib.contextmanager
def orm_defaults(env, model, columns):
    """For a COPY into ``model``'s table of ``columns`` only: the table's other NOT NULL columns (added by
    the modules installed, e.g. sale's and account's partner warnings) take the ORM's default meanwhile."""
    table = env[model]._table
    env.cr.execute("""SELECT column_name FROM information_schema.columns
                       WHERE table_name = %s AND is_nullable = 'NO' AND column_default IS NULL
                         AND column_name != 'id'""", [table])
    missing = [name for (name,) in env.cr.fetchall() if name not in columns and name in env[model]._fields]
    defaults = env[model].default_get(missing)
    filled = [name for name in missing if name in defaults]
    for name in filled:
        env.cr.execute('ALTER TABLE "%s" ALTER COLUMN "%s" SET DEFAULT %%s' % (table, name), [defaults[name]])
    try:
        yield
    finally:
        for name in filled:
            env.cr.execute('ALTER TABLE "%s" ALTER COLUMN "%s" DROP DEFAULT' % (table, name))


def copy_rows(cr, table, columns, rows, chunk=100000):
    """COPY ``rows`` (tuples, None = NULL) into ``table`` in chunks; values must not contain tabs."""
    import io
    batch = []

    def flush():
        if not batch:
            return
        buffer = io.StringIO('\n'.join(batch) + '\n')
        cr.copy_from(buffer, table, columns=columns, null='\\N')
        batch.clear()

    for row in rows:
        batch.append('\t'.join('\\N' if value is None else str(value) for value in row))
        if len(batch) >= chunk:
            flush()
    flush()


def rng(seed=20261124):
    return random.Random(seed)
