def uninstall_hook(cr, registry):
    """The plan periods (date.range) generated for the module's period types go with it: the uninstall deletes
    the types, which date_range refuses (restrict) while ranges of them exist. Plan lines point to the periods
    (restrict too); they are dropped with the module right after."""
    cr.execute("SELECT res_id FROM ir_model_data WHERE module = 'sales_team_mgmt' AND model = 'date.range.type'")
    type_ids = tuple(row[0] for row in cr.fetchall())
    if not type_ids:
        return
    cr.execute("""UPDATE sales_plan_line SET date_range_id = NULL
                   WHERE date_range_id IN (SELECT id FROM date_range WHERE type_id IN %s)""", [type_ids])
    cr.execute("DELETE FROM date_range_generator WHERE type_id IN %s", [type_ids])  # wizard rows
    cr.execute("DELETE FROM date_range WHERE type_id IN %s", [type_ids])
