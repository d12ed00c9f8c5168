from datetime import datetime

from odoo import _, api, models

from .aftersales_ticket import AFTERSALES_USER, OPEN_STATES


class AftersalesTicketAssignment(models.Model):
    """Automatic assignment: among the agents of the teams that handle the ticket's type (by region: those
    covering the customer's region, when any does), the one with the fewest open tickets; on a tie, the one
    whose last assignment is the oldest (never assigned first), then the first created."""
    _inherit = 'aftersales.ticket'

    @api.multi
    def _assignment_teams(self):
        self.ensure_one()
        teams = self.env['aftersales.team'].sudo().search([('company_id', '=', self.company_id.id)]).filtered(
            lambda team: not team.type_ids or self.type_id in team.type_ids)
        if self.type_id.assignment_method == 'region':
            region = self.partner_id.commercial_partner_id.region_id
            regional = teams.filtered(lambda team: region in team.region_ids) if region else teams.browse()
            teams = regional or teams
        return teams

    @api.multi
    def _assignment_agents(self, teams):
        group = self.env.ref(AFTERSALES_USER)
        return teams.mapped('member_ids').filtered(
            lambda user: user.active and group in user.groups_id and self.company_id in user.company_ids)

    @api.model
    def _agent_loads(self, agents):
        """{user id: (open tickets, last assignment)} in one query."""
        loads = {agent.id: (0, datetime.min) for agent in agents}
        if not agents:
            return loads
        self.env.cr.execute("""
            SELECT user_id, COUNT(*) FILTER (WHERE state IN %s), MAX(assigned_date)
              FROM aftersales_ticket
             WHERE user_id IN %s
             GROUP BY user_id""", [OPEN_STATES, tuple(agents.ids)])
        for user_id, open_count, last_assigned in self.env.cr.fetchall():
            loads[user_id] = (open_count, last_assigned or datetime.min)
        return loads

    @api.multi
    def _auto_assign(self):
        """Assign the ticket to the least loaded agent; False when no agent handles it."""
        self.ensure_one()
        teams = self._assignment_teams()
        agents = self._assignment_agents(teams)
        if not agents:
            return False
        loads = self._agent_loads(agents)
        agent = min(agents, key=lambda user: loads[user.id] + (user.id,))
        team = teams.filtered(lambda candidate: agent in candidate.member_ids)[:1]
        self.with_context(mail_auto_subscribe_no_notify=True).write({'user_id': agent.id, 'team_id': team.id})
        self.message_post(body=_('Assigned automatically to %(agent)s (%(team)s): %(count)d open tickets.') % {
            'agent': agent.name, 'team': team.name, 'count': loads[agent.id][0]}, subtype='mail.mt_note')
        return True
