from odoo import fields, models


class AftersalesTeam(models.Model):
    """A group of after-sales agents with a leader. Agents see the tickets of their teams; automatic
    assignment picks among the members of the teams that handle the ticket's type (and cover its region)."""
    _name = 'aftersales.team'
    _description = 'After-sales Team'
    _order = 'sequence, name, id'

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    user_id = fields.Many2one(
        'res.users', string='Team Leader', index=True,
        domain=lambda self: [('groups_id', 'in', self.env.ref('aftersales_returns.group_aftersales_manager').id)],
        help='An after-sales manager; he is told of the SLA breaches of the team\'s tickets.')
    member_ids = fields.Many2many(
        'res.users', 'aftersales_team_member_rel', 'team_id', 'user_id', string='Agents',
        domain=lambda self: [('groups_id', 'in', self.env.ref('aftersales_returns.group_aftersales_user').id)])
    type_ids = fields.Many2many(
        'aftersales.ticket.type', 'aftersales_team_ticket_type_rel', 'team_id', 'type_id', string='Ticket Types',
        help='The types of tickets the team handles. Empty: every type.')
    region_ids = fields.Many2many(
        'crm.customer.region', 'aftersales_team_region_rel', 'team_id', 'region_id', string='Regions',
        help="The customers' regions the team covers, for the assignment by region.")
    company_id = fields.Many2one(
        'res.company', required=True, index=True,
        default=lambda self: self.env['res.company']._company_default_get('aftersales.team'))
