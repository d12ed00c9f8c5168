from odoo import _, api, fields, models
from odoo.addons.crm_lifecycle.models.trusted_context import is_module_uninstall
from odoo.exceptions import UserError, ValidationError


class CrmStage(models.Model):
    """A stage of a sales method's pipeline (or, without method, of Odoo's generic pipeline)."""
    _inherit = 'crm.stage'

    sales_method_id = fields.Many2one(
        'crm.sales.method', 'Sales Method', index=True, ondelete='cascade',
        help='The pipeline this stage belongs to. Stages without a method form the generic pipeline of '
             'opportunities whose type follows no method.')
    max_days = fields.Integer(
        'Maximum Days', help='An opportunity that stays longer in this stage is flagged as stalled. 0: no limit.')
    task_template_ids = fields.One2many('crm.stage.task.template', 'stage_id', string='Stage Tasks')

    @api.constrains('max_days')
    def _check_max_days(self):
        if any(stage.max_days < 0 for stage in self):
            raise ValidationError(_('The maximum number of days in a stage cannot be negative.'))

    @api.constrains('sales_method_id')
    def _check_method_unchanged_when_used(self):
        """Moving a used stage to another method would put its opportunities in a foreign pipeline."""
        for stage in self:
            used = self.env['crm.lead'].sudo().with_context(active_test=False).search(
                [('stage_id', '=', stage.id), ('sales_method_id', '!=', stage.sales_method_id.id)], limit=1)
            if used:
                raise ValidationError(_('The stage "%(stage)s" is used by opportunities of another sales method, '
                                        'such as %(lead)s.') % {'stage': stage.name, 'lead': used.display_name})

    @api.multi
    def unlink(self):
        """A stage that opportunities went through (in their stage history) or hold tasks of cannot be deleted:
        the funnel analytics, the forecast and the tasks read it. The module's uninstall deletes its stages all
        the same (the history and the tasks go with the module)."""
        if self and not is_module_uninstall(self.env):
            history = self.env['crm.lead.stage.history'].sudo().search(
                ['|', ('from_stage_id', 'in', self.ids), ('to_stage_id', 'in', self.ids)], limit=1)
            task = self.env['crm.lead.stage.task'].sudo().search([('stage_id', 'in', self.ids)], limit=1)
            if history or task:
                stage = (history.from_stage_id | history.to_stage_id | task.stage_id) & self
                raise UserError(_('The stage "%(stage)s" is used by opportunities such as %(lead)s: it cannot be '
                                  'deleted.') % {'stage': stage[:1].name,
                                                 'lead': (history.lead_id or task.lead_id).display_name})
        return super(CrmStage, self).unlink()
