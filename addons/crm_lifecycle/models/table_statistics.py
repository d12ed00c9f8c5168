"""Statistics for the small tables that the reports' and scheduled actions' SQL joins."""


def ensure_statistics(cr, tables):
    """ANALYZE those of ``tables`` that PostgreSQL has never analysed (``reltuples`` is -1).

    A table of a few rows (companies, currencies, teams, categories, rules) never reaches autovacuum's
    analyse threshold of 50 changed rows. Without statistics the planner assumes ten pages of rows and
    joins the large tables with nested loops: one year of commission lines took minutes instead of
    seconds. Once analysed, the planner scales the row count with the table's size, so this is needed
    only once per table and costs one catalogue query afterwards.
    """
    cr.execute("""SELECT c.relname FROM pg_class c
                   WHERE c.relkind = 'r' AND c.reltuples < 0 AND c.relname = ANY(%s)
                     AND c.relnamespace = 'public'::regnamespace""", [list(tables)])
    for (table,) in cr.fetchall():
        cr.execute('ANALYZE "%s"' % table)
