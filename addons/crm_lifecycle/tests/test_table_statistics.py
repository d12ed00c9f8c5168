from odoo.tests.common import TransactionCase

from odoo.addons.crm_lifecycle.models.table_statistics import ensure_statistics


class TestTableStatistics(TransactionCase):
    """Small tables that autovacuum never analyses get statistics before the large SQL joins them."""

    def _reltuples(self, table):
        self.env.cr.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [table])
        return self.env.cr.fetchone()[0]

    def test_never_analysed_table_is_analysed_once(self):
        cr = self.env.cr
        cr.execute("CREATE TABLE crm_statistics_probe AS SELECT generate_series(1, 7) AS n")
        self.assertLess(self._reltuples('crm_statistics_probe'), 0, "a new table has no statistics")
        ensure_statistics(cr, ['crm_statistics_probe', 'no_such_table'])
        self.assertEqual(self._reltuples('crm_statistics_probe'), 7)
        # analysed tables are left alone: the count stays what the last analyse saw
        cr.execute("INSERT INTO crm_statistics_probe SELECT generate_series(8, 9)")
        ensure_statistics(cr, ['crm_statistics_probe'])
        self.assertEqual(self._reltuples('crm_statistics_probe'), 7)
