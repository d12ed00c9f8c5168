from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class CrmTeam(models.Model):
    """Teams form a tree: sales department → regional team → sub-team."""
    _inherit = 'crm.team'

    parent_id = fields.Many2one('crm.team', string='Parent Team', index=True, ondelete='restrict',
                                track_visibility='onchange')
    child_ids = fields.One2many('crm.team', 'parent_id', string='Sub-teams')

    @api.constrains('parent_id')
    def _check_parent_recursion(self):
        if not self._check_recursion():
            raise ValidationError(_('A team cannot be its own parent, directly or through its sub-teams.'))
