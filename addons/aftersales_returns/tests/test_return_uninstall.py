from odoo.tests.common import TransactionCase


class TestReturnUninstall(TransactionCase):
    """The transfers and credit notes of a return (Odoo's stock and accounting records, which stay when the
    module goes) do not stop the return from being deleted by the module's uninstall: their link is set to
    null in the database; users are stopped by aftersales.return.unlink (past draft)."""

    def test_links_from_odoo_records_do_not_block_deletion(self):
        for table, column in (('stock_picking', 'aftersales_return_id'), ('account_invoice', 'return_id')):
            self.cr.execute("""
                SELECT c.confdeltype FROM pg_constraint c
                  JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
                 WHERE c.contype = 'f' AND c.conrelid = %s::regclass AND a.attname = %s""", [table, column])
            self.assertEqual(self.cr.fetchall(), [('n',)], '%s.%s must be ON DELETE SET NULL' % (table, column))
