from odoo.exceptions import UserError

from .test_quote_versions import TestQuoteVersions

INSTALL = {'install_mode_data': {'module': 'quote_pricing', 'xml_id': 'sale_order_hangzhou_v1'}}


class TestQuoteVersionReinstall(TestQuoteVersions):
    """Reinstalling the module rewrites the demo's kept versions from its data files (as the superuser);
    the data-file flag in a user's call changes nothing."""

    def test_data_files_may_rewrite_an_old_version(self):
        v1 = self._sent_quotation()
        self._revise(v1)
        self.assertTrue(v1.is_superseded_version)
        with self.assertRaises(UserError), self.cr.savepoint():
            v1.sudo(self.salesperson).with_context(**INSTALL).write({'note': '改过的条款'})
        v1.sudo().with_context(**INSTALL).write({'note': '演示数据的条款'})
        self.assertEqual(v1.note, '演示数据的条款')
