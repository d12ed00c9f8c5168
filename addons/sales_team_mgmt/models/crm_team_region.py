from odoo import api, fields, models


class CrmTeamRegion(models.Model):
    """A regional team covers a sales region; its members and sub-teams work in that region."""
    _inherit = 'crm.team'

    region_id = fields.Many2one('crm.customer.region', string='Sales Region', index=True,
                                help='The sales region this team covers. Sub-teams without a region of their own '
                                     'work in the region of the nearest team above that has one.')

    # Record rules of team leads depend on who leads which team (res.users.sales_led_team_ids) and Odoo caches
    # rule domains per user: a change of leader or of the tree takes effect at once.
    @api.model
    def create(self, vals):
        team = super(CrmTeamRegion, self).create(vals)
        if vals.get('user_id') or vals.get('parent_id'):
            self.env['ir.rule'].clear_caches()
        return team

    @api.multi
    def write(self, vals):
        result = super(CrmTeamRegion, self).write(vals)
        if 'user_id' in vals or 'parent_id' in vals:
            self.env['ir.rule'].clear_caches()
        return result
