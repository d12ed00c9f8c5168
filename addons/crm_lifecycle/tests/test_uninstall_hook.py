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

    def test_reinstall_binds_the_kept_demo_company(self):
        company = self.env.ref('crm_lifecycle.company_shenzhen', raise_if_not_found=False)
        if not company:  # installed without demo data
            company = self.env['res.company'].create({'name': '深圳华贸进出口有限公司'})
        uninstall_hook(self.cr, self.registry)
        self.env['ir.model.data'].clear_caches()  # xml ids are cached; the hook works in SQL
        self.assertFalse(self.env.ref('crm_lifecycle.company_shenzhen', raise_if_not_found=False))
        self.env['res.company']._crm_lifecycle_bind_kept_demo_company()
        self.assertEqual(self.env.ref('crm_lifecycle.company_shenzhen'), company)
