from odoo import _, api, fields, models
from odoo.exceptions import UserError


class CrmLeadAssignWizard(models.TransientModel):
    """Batch assignment of selected leads or opportunities (team leads and sales managers): all to one
    salesperson, or round-robin over a team's members, the least loaded first, skipping those at the
    company's cap. The whole plan is checked before anything is written."""
    _name = 'crm.lead.assign.wizard'
    _description = 'Assign Leads'

    lead_ids = fields.Many2many('crm.lead', string='Leads and Opportunities',
                                default=lambda self: self.env.context.get('active_ids', []))
    mode = fields.Selection([('user', 'To one salesperson'), ('round_robin', 'Round-robin over a team')],
                            required=True, default='user')
    user_id = fields.Many2one('res.users', 'Salesperson', domain=[('share', '=', False)])
    team_id = fields.Many2one('crm.team', 'Sales Team')

    @api.multi
    def action_assign(self):
        self.ensure_one()
        Lead = self.env['crm.lead']
        if not (Lead._is_lead_manager() or self.env.user.has_group('sales_team.group_sale_salesman_all_leads')):
            raise UserError(_('Only team leads and sales managers may assign leads.'))
        if not self.lead_ids:
            raise UserError(_('Select the leads to assign first.'))
        plan = self._plan()
        for user, leads in plan.items():
            leads._check_owner_change(user)
            Lead._check_claim_cap(user, len(leads.filtered(lambda lead: lead.type == 'opportunity')))
        for user, leads in plan.items():
            leads._set_owner(user, _('Assigned to %(user)s by %(by)s.') % {'user': user.name, 'by': self.env.user.name})
            if self.team_id:
                leads.write({'team_id': self.team_id.id})
        return {'type': 'ir.actions.act_window_close'}

    def _plan(self):
        """{salesperson: leads}: what the assignment will write."""
        if self.mode == 'user':
            if not self.user_id:
                raise UserError(_('Choose the salesperson.'))
            return {self.user_id: self.lead_ids}
        if not self.team_id:
            raise UserError(_('Choose the team whose members get the leads.'))
        Lead = self.env['crm.lead']
        members = (self.team_id.member_ids | self.team_id.user_id).filtered(
            lambda user: user.active and user.has_group('sales_team.group_sale_salesman'))
        if not members:
            raise UserError(_('The team %s has no salespeople.') % self.team_id.name)
        held = {user: Lead._open_opportunity_count(user) for user in members}
        members = members.sorted(lambda user: (held[user], user.name))
        plan = {user: Lead.browse() for user in members}
        index = 0
        for lead in self.lead_ids:
            counts = lead.type == 'opportunity'
            for attempt in range(len(members)):
                user = members[(index + attempt) % len(members)]
                cap = user.company_id.sudo().opportunity_claim_cap
                if not counts or not cap or held[user] < cap:
                    break
            else:
                raise UserError(_('Every member of %s has reached the limit of open opportunities: nothing was '
                                  'assigned.') % self.team_id.name)
            plan[user] |= lead
            held[user] += 1 if counts else 0
            index = (members.ids.index(user.id) + 1) % len(members)
        return {user: leads for user, leads in plan.items() if leads}
