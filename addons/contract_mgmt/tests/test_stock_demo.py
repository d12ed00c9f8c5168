from odoo.tests.common import TransactionCase


class TestStockDemo(TransactionCase):
    """The demo's opening stock is posted once: installing the module again (after an uninstall kept the
    validated inventory, which is stock history) neither writes it nor posts the stock again."""

    def test_opening_inventory_posted_once(self):
        Inventory = self.env['stock.inventory']
        location = self.env.ref('stock.stock_location_stock')
        product = self.env['product.product'].create({'name': '测试期初库存 伺服驱动器', 'type': 'product'})
        values = {'name': '测试期初库存', 'location_id': location.id, 'company_id': self.env.ref('base.main_company').id}
        inventory_id = Inventory._demo_opening_inventory('test_opening_inventory', values,
                                                         [{'product_id': product.id, 'product_qty': 12}])
        inventory = self.env.ref('contract_mgmt.test_opening_inventory')
        self.assertEqual((inventory.id, inventory.state), (inventory_id, 'done'))
        self.assertEqual(product.with_context(location=location.id).qty_available, 12)

        self.assertFalse(Inventory._demo_opening_inventory('test_opening_inventory', dict(values, name='改过的'),
                                                           [{'product_id': product.id, 'product_qty': 30}]))
        product.invalidate_cache()
        self.assertEqual(product.with_context(location=location.id).qty_available, 12)
        self.assertEqual((inventory.name, len(inventory.line_ids)), ('测试期初库存', 1))

    def test_demo_opening_stock(self):
        inventory = self.env.ref('contract_mgmt.stock_inventory_opening')
        self.assertEqual(inventory.state, 'done')
        self.assertEqual(len(inventory.line_ids), 5)
