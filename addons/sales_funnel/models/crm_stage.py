from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


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
