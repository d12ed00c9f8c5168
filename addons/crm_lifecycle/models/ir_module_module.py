from odoo import api, models


class IrModuleModule(models.Model):
    _inherit = 'ir.module.module'

    @api.multi
    def module_uninstall(self):
        self._delete_activities_of_removed_models()
        return super(IrModuleModule, self).module_uninstall()

    def _delete_activities_of_removed_models(self):
        """Delete the activities of the records whose models go with the modules, before Odoo's uninstall.

        Left to it, the database deletes them with their model (cascade), at the very end, after the modules'
        columns were dropped; Odoo then recomputes the deleted activities, and the message of the missing record
        looks up the user's language, reading res.partner with the columns of the registry that are gone: the
        query fails and the whole uninstall is rolled back. Done here, while the database is whole."""
        self.env.cr.execute("""
            DELETE FROM mail_activity
             WHERE res_model_id IN (
                   SELECT data.res_id FROM ir_model_data data
                    WHERE data.model = 'ir.model' AND data.module IN %(modules)s
                      AND NOT EXISTS (SELECT 1 FROM ir_model_data other
                                       WHERE other.model = 'ir.model' AND other.res_id = data.res_id
                                         AND other.module NOT IN %(modules)s))""",
                            {'modules': tuple(self.mapped('name')) or ('',)})
