from odoo import api, models

DEMO_MODULE = 'contract_mgmt'


class StockInventory(models.Model):
    """Demo data: the opening stock, validated once.

    A validated inventory is stock history: an uninstall keeps it (Odoo refuses to delete it) but deletes its
    lines, and a data file would write it and add lines to it again on the next install, then find no draft
    inventory to validate (and stock_account's post_inventory fails on an empty recordset). So the demo builds
    it here, only when it does not exist yet.
    """
    _inherit = 'stock.inventory'

    @api.model
    def _demo_opening_inventory(self, xml_name, values, lines):
        """Create the inventory ``values`` with ``lines`` (line values) as ``contract_mgmt.<xml_name>`` and
        validate it; nothing if it exists already (kept from an earlier install)."""
        if self.env.ref('%s.%s' % (DEMO_MODULE, xml_name), raise_if_not_found=False):
            return False
        inventory = self.create(dict(values, line_ids=[
            (0, 0, dict(line, location_id=values['location_id'])) for line in lines]))
        # noupdate: kept by the end of a module update, like the records of a noupdate data file
        self.env['ir.model.data'].create({'module': DEMO_MODULE, 'name': xml_name, 'model': self._name,
                                          'res_id': inventory.id, 'noupdate': True})
        inventory.action_done()
        return inventory.id
