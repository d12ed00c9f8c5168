from odoo.tests.common import TransactionCase

from ..hooks import uninstall_hook


class TestUninstallHook(TransactionCase):
    """Uninstalling the module keeps the demo company: other apps' records (a warehouse) hang on it."""

    def test_demo_company_stays(self):
        company = self.env['res.company'].create({'name': '深圳华贸进出口有限公司（测试）'})
        self.env['ir.model.data'].create({'module': 'crm_lifecycle', 'name': 'test_company_kept',
                                          'model': 'res.company', 'res_id': company.id})
        uninstall_hook(self.cr, self.registry)
        self.assertFalse(self.env['ir.model.data'].search([('module', '=', 'crm_lifecycle'),
                                                           ('model', '=', 'res.company')]))
        self.assertTrue(company.exists())
        # the module's other records keep their xml ids, and go with it
        self.assertTrue(self.env['ir.model.data'].search([('module', '=', 'crm_lifecycle'),
                                                          ('model', '=', 'ir.ui.view')]))
