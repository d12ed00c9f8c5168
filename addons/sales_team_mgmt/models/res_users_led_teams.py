from odoo import api, models


class ResUsersLedTeams(models.Model):
    _inherit = 'res.users'

    @api.multi
    def sales_led_team_ids(self):
        """The teams this user leads and all their sub-teams (used by the record rules of team leads)."""
        self.ensure_one()
        Team = self.env['crm.team'].sudo()
        return Team.search([('id', 'child_of', Team.search([('user_id', '=', self.id)]).ids)]).ids
