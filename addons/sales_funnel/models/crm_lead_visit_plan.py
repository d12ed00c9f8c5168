from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

PLAN_TYPES = [
    ('visit', 'Visit'),
    ('call', 'Phone Call'),
    ('meeting', 'Meeting'),
    ('demo', 'Product Demo'),
]
# The type of the customer follow-up (crm_lifecycle) a done plan logs.
FOLLOW_UP_TYPE_OF_PLAN = {'visit': 'visit', 'call': 'call', 'meeting': 'meeting', 'demo': 'meeting'}
# Changing one of these moves or rewrites the plan's calendar event.
EVENT_FIELDS = {'lead_id', 'plan_type', 'start', 'duration', 'location', 'purpose', 'user_id', 'partner_ids',
                'notify_contacts'}


class CrmLeadVisitPlan(models.Model):
    """A planned contact with the customer of an opportunity (visit, call, meeting, demo): the
    salesperson's visit schedule. A planned plan has a calendar event that follows it; once done, its
    result is logged as a follow-up of the customer."""
    _name = 'crm.lead.visit.plan'
    _inherit = ['crm.state.machine.mixin']
    _description = 'Visit Plan'
    _order = 'start desc, id desc'

    # Legal state changes {from: {to: group required, or None}}, enforced by crm.state.machine.mixin.
    _STATE_TRANSITIONS = {
        'planned': {'done': None, 'cancelled': None},
        'done': {},
        'cancelled': {'planned': None},
    }

    lead_id = fields.Many2one('crm.lead', 'Opportunity', required=True, index=True, ondelete='cascade',
                              domain=[('type', '=', 'opportunity')])
    customer_id = fields.Many2one(related='lead_id.partner_id', string='Customer', readonly=True)
    plan_type = fields.Selection(PLAN_TYPES, 'Type', required=True, default='visit')
    partner_ids = fields.Many2many(
        'res.partner', 'crm_lead_visit_plan_partner_rel', 'plan_id', 'partner_id', string='Contacts to Meet',
        help="The customer's people to meet: they are attendees of the calendar event.")
    user_id = fields.Many2one(
        'res.users', 'Visitor', required=True, index=True, ondelete='restrict',
        default=lambda self: self._default_user(),
        help="Who makes the visit; by default the opportunity's salesperson.")
    start = fields.Datetime('Start', required=True, index=True)
    duration = fields.Float('Duration (hours)', required=True, default=1.0)
    location = fields.Char()
    purpose = fields.Text(required=True, help='What the visit is for: logged as the content of the follow-up.')
    state = fields.Selection(string='Status', selection=[
        ('planned', 'Planned'),
        ('done', 'Done'),
        ('cancelled', 'Cancelled'),
    ], default='planned', required=True, readonly=True, copy=False, index=True)
    result = fields.Text(copy=False, help='What came out of it; needed to mark the plan done.')
    notify_contacts = fields.Boolean(
        'Invite by E-mail',
        help='Send the calendar invitation (and its changes) to the attendees by e-mail. Off: the event is only '
             'in the calendar.')
    event_id = fields.Many2one('calendar.event', 'Calendar Event', readonly=True, copy=False, ondelete='set null')
    follow_up_id = fields.Many2one('crm.customer.follow.up', 'Follow-up', readonly=True, copy=False,
                                   ondelete='set null', help="The follow-up logged on the customer when done.")
    company_id = fields.Many2one(related='lead_id.company_id', store=True, readonly=True, index=True)

    @api.model
    def _default_user(self):
        lead = self.env['crm.lead'].browse(self.env.context.get('default_lead_id') or [])
        return lead.user_id or self.env.user

    @api.multi
    def name_get(self):
        types = dict(self._fields['plan_type']._description_selection(self.env))
        return [(plan.id, '%s · %s' % (types.get(plan.plan_type), plan.lead_id.name or '')) for plan in self]

    @api.constrains('duration')
    def _check_duration(self):
        # as superuser: a constraint runs before the record rules say whether the user may create it
        if any(plan.duration <= 0 for plan in self.sudo()):
            raise ValidationError(_('The duration of a visit plan must be greater than zero.'))

    @api.onchange('lead_id')
    def _onchange_lead_id(self):
        if self.lead_id.user_id:
            self.user_id = self.lead_id.user_id

    # ------------------------------------------------------------------------------------------------
    # ORM: the event follows the plan, the follow-up is logged when done
    # ------------------------------------------------------------------------------------------------
    @api.model
    def create(self, vals):
        if vals.get('state', 'planned') != 'planned':
            raise UserError(_('A visit plan is created as planned; mark it done once it took place.'))
        if not vals.get('user_id') and vals.get('lead_id'):
            vals = dict(vals, user_id=self.env['crm.lead'].browse(vals['lead_id']).user_id.id or self.env.uid)
        plan = super(CrmLeadVisitPlan, self).create(vals)
        plan._sync_event()
        return plan

    @api.multi
    def write(self, vals):
        if EVENT_FIELDS & set(vals):
            for plan in self:
                if vals.get('state', plan.state) != 'planned':
                    raise UserError(_('%s is no longer planned: it cannot be rescheduled.') % plan.display_name)
        if 'result' in vals and not (vals['result'] or '').strip() and self.filtered(lambda p: p.state == 'done'):
            raise UserError(_('A done visit keeps its result.'))
        just_done = self.filtered(lambda plan: plan.state != 'done') if vals.get('state') == 'done' else self.browse()
        result = super(CrmLeadVisitPlan, self).write(vals)
        if vals.get('state') == 'cancelled':
            self._remove_event()
        elif vals.get('state') == 'planned' or EVENT_FIELDS & set(vals):
            self._sync_event()
        if just_done:
            just_done._log_follow_up()
        return result

    @api.multi
    def unlink(self):
        self.filtered(lambda plan: plan.state == 'planned')._remove_event()
        return super(CrmLeadVisitPlan, self).unlink()

    def _check_state_requirements(self, new_state, vals):
        if new_state == 'done' and not (vals.get('result', self.result) or '').strip():
            raise UserError(_('Enter the result of %s before marking it done.') % self.display_name)
        return super(CrmLeadVisitPlan, self)._check_state_requirements(new_state, vals)

    # ------------------------------------------------------------------------------------------------
    # Calendar event
    # ------------------------------------------------------------------------------------------------
    def _event_values(self):
        self.ensure_one()
        types = dict(self._fields['plan_type']._description_selection(self.env))
        start = fields.Datetime.from_string(self.start)
        name = _('%(type)s: %(opportunity)s') % {'type': types.get(self.plan_type), 'opportunity': self.lead_id.name}
        return {
            'name': name,
            'start': self.start,
            'stop': fields.Datetime.to_string(start + timedelta(hours=self.duration)),
            'duration': self.duration,
            'allday': False,
            'user_id': self.user_id.id,
            'partner_ids': [(6, 0, (self.user_id.partner_id | self.partner_ids).ids)],
            'location': self.location or False,
            'description': self.purpose,
            # as crm links the meetings of an opportunity: they show on its Meetings button
            'opportunity_id': self.lead_id.id,
        }

    def _sync_event(self):
        """Create or move the event of the planned plans among self."""
        for plan in self.filtered(lambda p: p.state == 'planned'):
            values = plan._event_values()
            no_mail = {'no_mail_to_attendees': not plan.notify_contacts}
            if plan.event_id:
                # The plan's access was checked on the plan; its event may have been made private since.
                plan.event_id.sudo().with_context(**no_mail).write(values)
            else:
                event = self.env['calendar.event'].with_context(**no_mail).create(values)
                plan.write({'event_id': event.id})

    def _remove_event(self):
        events = self.mapped('event_id')
        if events:
            self.write({'event_id': False})
            events.sudo().with_context(no_mail_to_attendees=True).unlink()

    # ------------------------------------------------------------------------------------------------
    # Buttons and the follow-up
    # ------------------------------------------------------------------------------------------------
    @api.multi
    def action_done(self):
        return self._move_to('done')

    @api.multi
    def action_cancel(self):
        return self._move_to('cancelled')

    @api.multi
    def action_replan(self):
        return self._move_to('planned')

    def _log_follow_up(self):
        """The visit took place: log it as a follow-up of the opportunity's customer, which moves the
        customer's last follow-up date. As superuser: the visitor (a pre-sales engineer of the
        collaboration team, say) need not own the customer. Opportunities without a customer company
        log nothing."""
        FollowUp = self.env['crm.customer.follow.up'].sudo()
        now = fields.Datetime.now()
        for plan in self.sudo():
            customer = plan.lead_id.partner_id.commercial_partner_id
            if not customer or not customer._is_company_customer():
                continue
            contacts = plan.partner_ids.filtered(
                lambda partner: partner.commercial_partner_id == customer and partner != customer)
            follow_up = FollowUp.create({
                'date': min(plan.start, now),  # it happened: not in the future
                'follow_up_type': FOLLOW_UP_TYPE_OF_PLAN[plan.plan_type],
                'partner_id': customer.id,
                'contact_id': contacts[:1].id,
                'lead_id': plan.lead_id.id,
                'user_id': plan.user_id.id,
                'content': plan.purpose,
                'result': plan.result,
                'company_id': (customer.company_id or plan.company_id or plan.user_id.company_id).id,
            })
            plan.write({'follow_up_id': follow_up.id})
