from odoo.addons.base.ir.ir_model import MODULE_UNINSTALL_FLAG
from odoo.exceptions import UserError

from .common import FunnelCase


class TestConfigInUse(FunnelCase):
    """Sales methods and opportunity types used by opportunities cannot be deleted (archive them); the
    module's uninstall deletes them and the opportunities (Odoo's leads, which stay) lose the link."""

    def test_in_use_refused_but_uninstall_deletes(self):
        lead = self._opportunity(self.sales_east, self.type_upsell, name='测试配置 在用')
        method = lead.sales_method_id
        self.assertTrue(method)
        for record in (self.type_upsell, method):
            with self.assertRaisesRegex(UserError, 'still used by opportunities'), self.cr.savepoint():
                record.unlink()
            self.assertTrue(record.exists())
        self.type_upsell.with_context(**{MODULE_UNINSTALL_FLAG: True}).unlink()
        self.assertFalse(self.type_upsell.exists())
        lead.invalidate_cache()
        self.assertTrue(lead.exists())
        self.assertFalse(lead.opportunity_type_id)
