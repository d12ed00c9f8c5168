from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .aftersales_return import AVAILABLE_PRIORITIES

AFTERSALES_USER = 'aftersales_returns.group_aftersales_user'
AFTERSALES_MANAGER = 'aftersales_returns.group_aftersales_manager'
OPEN_STATES = ('new', 'assigned', 'in_progress')
SATISFACTION_SCORES = [
    ('1', '1 - Very dissatisfied'),
    ('2', '2 - Dissatisfied'),
    ('3', '3 - Neutral'),
    ('4', '4 - Satisfied'),
    ('5', '5 - Very satisfied'),
]


class AftersalesTicket(models.Model):
    """A customer's request for service (installation, repair, complaint, consultation), with an assignee,
    SLA deadlines in working hours, a checklist from the type's process template, the time spent and the
    customer's satisfaction on closing."""
    _name = 'aftersales.ticket'
    _inherit = ['mail.thread', 'mail.activity.mixin', 'crm.state.machine.mixin']
    _description = 'Service Ticket'
    _order = 'priority desc, id desc'

    # Legal state changes {from: {to: group required, or None}}, enforced by crm.state.machine.mixin.
    _STATE_TRANSITIONS = {
        'new': {'assigned': None, 'cancelled': None},
        'assigned': {'in_progress': None, 'resolved': None, 'cancelled': None},
        'in_progress': {'resolved': None, 'cancelled': None},
        'resolved': {'closed': None, 'in_progress': None},
        'closed': {},
        'cancelled': {},
    }

    name = fields.Char('Number', required=True, readonly=True, copy=False, index=True,
                       default=lambda self: _('New'))
    title = fields.Char('Subject', required=True, track_visibility='onchange')
    partner_id = fields.Many2one(
        'res.partner', string='Customer', required=True, index=True, track_visibility='onchange',
        domain=[('is_company', '=', True)])
    contact_id = fields.Many2one('res.partner', string='Contact', index=True,
                                 help="The customer's person who reported the request.")
    contract_id = fields.Many2one('sale.contract', string='Contract', index=True, ondelete='set null')
    sale_order_id = fields.Many2one('sale.order', string='Sales Order', index=True, ondelete='set null')
    product_id = fields.Many2one('product.product', string='Product', index=True, ondelete='set null')
    type_id = fields.Many2one('aftersales.ticket.type', string='Type', required=True, index=True,
                              ondelete='restrict', track_visibility='onchange')
    template_id = fields.Many2one(
        'aftersales.ticket.template', string='Process Template', ondelete='set null',
        help="Its steps are added to the checklist. Defaults to the type's template.")
    priority = fields.Selection(AVAILABLE_PRIORITIES, default='0', required=True, index=True,
                                track_visibility='onchange')
    description = fields.Text()
    user_id = fields.Many2one('res.users', string='Assignee', index=True, track_visibility='onchange',
                              domain=lambda self: [('groups_id', 'in', self.env.ref(AFTERSALES_USER).id)])
    team_id = fields.Many2one('aftersales.team', string='After-sales Team', index=True,
                              track_visibility='onchange', default=lambda self: self._default_team())
    company_id = fields.Many2one(
        'res.company', required=True, index=True,
        default=lambda self: self.env['res.company']._company_default_get('aftersales.ticket'))
    state = fields.Selection([
        ('new', 'New'),
        ('assigned', 'Assigned'),
        ('in_progress', 'In Progress'),
        ('resolved', 'Resolved'),
        ('closed', 'Closed'),
        ('cancelled', 'Cancelled'),
    ], default='new', required=True, readonly=True, copy=False, index=True, track_visibility='onchange')

    # SLA
    date_open = fields.Datetime('Reported on', required=True, default=fields.Datetime.now, copy=False,
                                help='When the customer reported the request: the SLA deadlines count from it.')
    sla_id = fields.Many2one('aftersales.sla', string='SLA', compute='_compute_sla_id', store=True, index=True)
    response_deadline = fields.Datetime(compute='_compute_deadlines', store=True)
    resolution_deadline = fields.Datetime(compute='_compute_deadlines', store=True)
    assigned_date = fields.Datetime('Assigned on', readonly=True, copy=False)
    first_response_date = fields.Datetime(
        'First Response', readonly=True, copy=False,
        help="The assignee's first message or note on the ticket, or when work on it started.")
    resolved_date = fields.Datetime('Resolved on', readonly=True, copy=False)
    closed_date = fields.Datetime('Closed on', readonly=True, copy=False)
    breach_ids = fields.One2many('aftersales.ticket.breach', 'ticket_id', string='SLA Breaches', readonly=True)
    sla_breached = fields.Boolean('SLA Breached', compute='_compute_sla_breached', search='_search_sla_breached')

    # Work
    checklist_ids = fields.One2many('aftersales.ticket.checklist', 'ticket_id', string='Checklist', copy=False)
    work_log_ids = fields.One2many('aftersales.ticket.work.log', 'ticket_id', string='Work Log', copy=False)
    time_spent = fields.Float('Time Spent (hours)', compute='_compute_time_spent', store=True)
    satisfaction_score = fields.Selection(SATISFACTION_SCORES, string='Customer Satisfaction', copy=False,
                                          track_visibility='onchange')
    satisfaction_comment = fields.Text("Customer's Comment", copy=False)
    lead_id = fields.Many2one('crm.lead', string='Opportunity', readonly=True, copy=False, index=True,
                              ondelete='set null', help='The opportunity created from this ticket.')

    @api.model
    def _default_team(self):
        return self.env['aftersales.team'].sudo().search(
            [('member_ids', 'in', self.env.uid), ('company_id', '=', self.env.user.company_id.id)], limit=1)

    # ------------------------------------------------------------------ computes

    @api.depends('type_id', 'priority', 'company_id')
    def _compute_sla_id(self):
        for ticket in self:
            ticket.sla_id = self.env['aftersales.sla']._find(ticket.type_id, ticket.priority, ticket.company_id) \
                if ticket.type_id else False

    @api.depends('sla_id', 'date_open', 'sla_id.response_hours', 'sla_id.resolution_hours', 'sla_id.calendar_id',
                 'sla_id.tz')
    def _compute_deadlines(self):
        for ticket in self:
            sla = ticket.sla_id.sudo()
            start = fields.Datetime.from_string(ticket.date_open)
            if not sla or not start:
                ticket.response_deadline = ticket.resolution_deadline = False
                continue
            ticket.response_deadline = fields.Datetime.to_string(sla._deadline(start, sla.response_hours) or None)
            ticket.resolution_deadline = fields.Datetime.to_string(
                sla._deadline(start, sla.resolution_hours) or None)

    def _compute_sla_breached(self):
        # the log is the scheduled action's; agents do not read it
        breached = set(self.env['aftersales.ticket.breach'].sudo().search(
            [('ticket_id', 'in', self.ids)]).mapped('ticket_id').ids)
        for ticket in self:
            ticket.sla_breached = ticket.id in breached

    def _search_sla_breached(self, operator, value):
        self.env.cr.execute('SELECT DISTINCT ticket_id FROM aftersales_ticket_breach')
        ids = [row[0] for row in self.env.cr.fetchall()]
        positive = (operator == '=') == bool(value)
        return [('id', 'in' if positive else 'not in', ids)]

    @api.depends('work_log_ids.hours')
    def _compute_time_spent(self):
        for ticket in self:
            ticket.time_spent = sum(ticket.work_log_ids.mapped('hours'))

    # ------------------------------------------------------------------ constraints and onchanges

    @api.constrains('partner_id', 'contact_id', 'contract_id', 'sale_order_id', 'company_id')
    def _check_customer_documents(self):
        for ticket in self:
            customer = ticket.partner_id.commercial_partner_id
            if ticket.contact_id and ticket.contact_id.commercial_partner_id != customer:
                raise ValidationError(_('%(contact)s is not a contact of %(customer)s.') % {
                    'contact': ticket.contact_id.name, 'customer': customer.name})
            for document in (ticket.contract_id, ticket.sale_order_id):
                if not document:
                    continue
                if document.partner_id.commercial_partner_id != customer:
                    raise ValidationError(_('%(document)s is not a document of %(customer)s.') % {
                        'document': document.display_name, 'customer': customer.name})
                if document.company_id != ticket.company_id:
                    raise ValidationError(_('%(document)s belongs to another company than the ticket.') % {
                        'document': document.display_name})

    @api.constrains('user_id', 'state')
    def _check_assignee(self):
        group = self.env.ref(AFTERSALES_USER)
        for ticket in self:
            if ticket.user_id and group not in ticket.user_id.sudo().groups_id:
                raise ValidationError(_('%s is not an after-sales agent: tickets can only be assigned to '
                                        'after-sales staff.') % ticket.user_id.name)
            if not ticket.user_id and ticket.state in ('assigned', 'in_progress', 'resolved'):
                raise ValidationError(_('Ticket %s is being handled: it needs an assignee.') % ticket.name)

    @api.onchange('partner_id')
    def _onchange_partner_id(self):
        customer = self.partner_id.commercial_partner_id
        if self.contact_id.commercial_partner_id != customer:
            self.contact_id = False
        if self.contract_id.partner_id.commercial_partner_id != customer:
            self.contract_id = False
        if self.sale_order_id.partner_id.commercial_partner_id != customer:
            self.sale_order_id = False

    @api.onchange('sale_order_id')
    def _onchange_sale_order_id(self):
        if self.sale_order_id.contract_id and not self.contract_id:
            self.contract_id = self.sale_order_id.contract_id

    @api.onchange('type_id')
    def _onchange_type_id(self):
        self.template_id = self._type_template(self.type_id, self.company_id)

    @api.model
    def _type_template(self, ticket_type, company):
        return self.env['aftersales.ticket.template'].sudo().search([
            ('type_id', '=', ticket_type.id), '|', ('company_id', '=', False), ('company_id', '=', company.id),
        ], limit=1) if ticket_type else self.env['aftersales.ticket.template']

    # ------------------------------------------------------------------ ORM

    @api.model
    def create(self, vals):
        if vals.get('state', 'new') != 'new':
            raise UserError(_('A service ticket is always created as new.'))
        vals['name'] = self.env['ir.sequence'].next_by_code('aftersales.ticket') or _('New')
        if vals.get('type_id') and 'template_id' not in vals:
            company = self.env['res.company'].browse(vals.get('company_id')) or self.env.user.company_id
            vals['template_id'] = self._type_template(
                self.env['aftersales.ticket.type'].browse(vals['type_id']), company).id
        ticket = super(AftersalesTicket, self).create(vals)
        ticket._apply_template()
        if ticket.user_id:
            ticket._on_assigned()
        elif ticket.type_id.assignment_method != 'manual':
            ticket._auto_assign()
        return ticket

    @api.multi
    def write(self, vals):
        if 'date_open' in vals and self.filtered(lambda ticket: ticket.state != 'new'):
            raise UserError(_('The report date of a ticket can only change while it is new.'))
        if 'type_id' in vals and 'template_id' not in vals and len(self) == 1:
            vals['template_id'] = self._type_template(
                self.env['aftersales.ticket.type'].browse(vals['type_id']), self.company_id).id
        result = super(AftersalesTicket, self).write(vals)
        if vals.get('template_id'):
            self._apply_template()
        if vals.get('user_id'):
            self._on_assigned(set_team='team_id' not in vals)
        return result

    @api.multi
    def copy(self, default=None):
        raise UserError(_('Service tickets cannot be duplicated: create a new ticket for a new request.'))

    # ------------------------------------------------------------------ assignment, template

    @api.multi
    def _on_assigned(self, set_team=True):
        """A new assignee: the assignment date, his team when the ticket's is not his, and the move to assigned."""
        now = fields.Datetime.now()
        for ticket in self:
            values = {'assigned_date': now}
            if set_team and ticket.user_id not in ticket.team_id.sudo().member_ids:
                team = self.env['aftersales.team'].sudo().search(
                    [('member_ids', 'in', ticket.user_id.id), ('company_id', '=', ticket.company_id.id)], limit=1)
                if team:
                    values['team_id'] = team.id
            # written without the user_id key, so that this does not come back here
            super(AftersalesTicket, ticket).write(values)
            ticket.message_subscribe_users(user_ids=ticket.user_id.ids)
            if ticket.state == 'new':
                ticket._move_to('assigned')

    @api.multi
    def _apply_template(self):
        """Add the template's steps the checklist does not have yet."""
        for ticket in self.filtered('template_id'):
            present = ticket.checklist_ids.mapped('step_id')
            commands = [(0, 0, {'name': step.name, 'sequence': step.sequence, 'mandatory': step.mandatory,
                                'step_id': step.id})
                        for step in ticket.template_id.sudo().step_ids if step not in present]
            if commands:
                ticket.sudo().write({'checklist_ids': commands})

    @api.multi
    def _check_checklist_editable(self):
        for ticket in self:
            if ticket.state in ('closed', 'cancelled'):
                raise UserError(_('Ticket %s is closed: its checklist cannot change.') % ticket.name)

    @api.multi
    def _breach_recipients(self):
        """Who is told of an SLA breach: the assignee, and the team's leader; without one, every after-sales
        manager of the company."""
        self.ensure_one()
        managers = self.team_id.user_id
        if not managers:
            managers = self.env.ref(AFTERSALES_MANAGER).sudo().users.filtered(
                lambda user: not user.share and self.company_id in user.company_ids)
        return (self.user_id | managers).filtered('active')

    # ------------------------------------------------------------------ first response

    @api.multi
    @api.returns('self', lambda value: value.id)
    def message_post(self, *args, **kwargs):
        message = super(AftersalesTicket, self).message_post(*args, **kwargs)
        for ticket in self:
            if (message.message_type == 'comment' and not ticket.first_response_date and ticket.user_id
                    and message.author_id == ticket.user_id.partner_id):
                ticket.sudo().write({'first_response_date': message.date})
        return message

    # ------------------------------------------------------------------ state machine

    def _check_state_requirements(self, new_state, vals):
        if new_state in ('assigned', 'in_progress', 'resolved') and not (vals.get('user_id') or self.user_id):
            raise UserError(_('Assign ticket %s to an agent first.') % self.name)
        if new_state == 'closed':
            if not (vals.get('satisfaction_score') or self.satisfaction_score):
                raise UserError(_("Record the customer's satisfaction score (1-5) before closing ticket %s.")
                                % self.name)
            missing = self.checklist_ids.filtered(lambda line: line.mandatory and not line.done)
            if missing:
                raise UserError(_('Ticket %(name)s cannot be closed: mandatory steps are not done: %(steps)s.') % {
                    'name': self.name, 'steps': ', '.join(missing.mapped('name'))})
        return super(AftersalesTicket, self)._check_state_requirements(new_state, vals)

    @api.multi
    def _respond_now(self, values):
        """Starting or resolving the work counts as the first response when nothing came before."""
        if not self.first_response_date:
            values['first_response_date'] = fields.Datetime.now()
        return values

    @api.multi
    def action_start(self):
        for ticket in self:
            ticket._move_to('in_progress', **ticket._respond_now({'resolved_date': False}))
        return True

    @api.multi
    def action_resolve(self):
        for ticket in self:
            ticket._move_to('resolved', **ticket._respond_now({'resolved_date': fields.Datetime.now()}))
        return True

    @api.multi
    def action_close(self):
        return self._move_to('closed', closed_date=fields.Datetime.now())

    @api.multi
    def action_cancel(self):
        return self._move_to('cancelled')

    @api.multi
    def action_auto_assign(self):
        for ticket in self:
            if ticket.state != 'new':
                raise UserError(_('Ticket %s is already assigned.') % ticket.name)
            if not ticket._auto_assign():
                raise UserError(_('No after-sales agent handles tickets of type "%s": assign ticket %s by hand.')
                                % (ticket.type_id.name, ticket.name))
        return True
