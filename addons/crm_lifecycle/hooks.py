def uninstall_hook(cr, registry):
    """Keep the companies of the demo data (深圳华贸进出口有限公司) when the module goes, as Odoo keeps any
    company: other apps have hung their records on it by then (Inventory's warehouse, Accounting's journals),
    and deleting it would fail on them. Without its xml id the module's uninstall leaves it alone."""
    cr.execute("DELETE FROM ir_model_data WHERE module = 'crm_lifecycle' AND model = 'res.company'")
    # The customer search's trigram indexes are on Odoo's own columns, which stay.
    cr.execute('DROP INDEX IF EXISTS res_partner_display_name_trgm_idx, res_partner_email_trgm_idx')
