from odoo import api, models

DEMO_MODULE = 'quote_pricing'


class SaleOrder(models.Model):
    """Demo data of a quotation with versions, built once.

    A data file's records are written again each time the module is installed, but an uninstall keeps the
    versions of a quotation (they are never deleted) and an old version is read-only: installing the module
    again must leave the kept versions as they are, not rewrite them.
    """
    _inherit = 'sale.order'

    @api.model
    def _demo_revised_quotation(self, xml_name, values, attributes, revision):
        """Create the quotation ``values`` (with its lines) as ``quote_pricing.<xml_name>``, set its quote
        ``attributes`` and revise it into v2 (``quote_pricing.<xml_name minus _v1>_v2``), applying
        ``revision``: {'values': {...}, 'prices': {product id: unit price}, 'new_lines': [line values]}.
        Does nothing if the quotation exists already (kept from an earlier install)."""
        if self.env.ref('%s.%s' % (DEMO_MODULE, xml_name), raise_if_not_found=False):
            return False
        v1 = self.create(values)
        self._demo_xml_id(xml_name, v1)
        v1.set_attribute_values(attributes)
        v1.create_revision()
        v2 = v1.current_revision_id
        self._demo_xml_id(xml_name[:-len('_v1')] + '_v2' if xml_name.endswith('_v1') else xml_name + '_v2', v2)
        prices = revision.get('prices', {})
        commands = [(1, line.id, {'price_unit': prices[line.product_id.id]})
                    for line in v2.order_line if line.product_id.id in prices]
        commands += [(0, 0, line) for line in revision.get('new_lines', [])]
        v2.write(dict(revision.get('values', {}), order_line=commands))
        return v2.id

    def _demo_xml_id(self, name, record):
        # noupdate: kept by the end of a module update, like the records of a noupdate data file
        self.env['ir.model.data'].create({
            'module': DEMO_MODULE, 'name': name, 'model': record._name, 'res_id': record.id, 'noupdate': True})
