from odoo import api, fields, models

# Messages a person wrote (not tracking or system notifications) count as activity on an opportunity.
ACTIVITY_MESSAGE_TYPES = ('comment', 'email')


class CrmLead(models.Model):
    """Lead tracking: the follow-up log of crm_lifecycle on the lead or opportunity, its last follow-up,
    and the last activity of any kind (follow-up, message, stage change), which the exception cron reads."""
    _inherit = 'crm.lead'

    follow_up_ids = fields.One2many('crm.customer.follow.up', 'lead_id', string='Follow-ups')
    follow_up_count = fields.Integer(compute='_compute_follow_up_count', string='Follow-ups')
    last_follow_up_date = fields.Datetime(compute='_compute_last_follow_up_date', store=True, index=True,
                                          string='Last Follow-up')
    last_message_date = fields.Datetime('Last Message', readonly=True, copy=False,
                                        help='When someone last wrote on the opportunity.')
    exception_ids = fields.One2many('crm.lead.exception', 'lead_id', string='Exceptions')
    open_exception_count = fields.Integer(compute='_compute_open_exception_count', string='Open Exceptions')
    last_activity_date = fields.Datetime(
        compute='_compute_last_activity_date', store=True, index=True, string='Last Activity',
        help='The latest of its creation, last stage change, last follow-up and last message.')

    @api.depends('follow_up_ids.date')
    def _compute_last_follow_up_date(self):
        for lead in self:
            lead.last_follow_up_date = max(lead.follow_up_ids.mapped('date') or [False])

    def _compute_follow_up_count(self):
        counts = self.env['crm.customer.follow.up'].read_group(
            [('lead_id', 'in', self.ids)], ['lead_id'], ['lead_id'])
        by_lead = {count['lead_id'][0]: count['lead_id_count'] for count in counts}
        for lead in self:
            lead.follow_up_count = by_lead.get(lead.id, 0)

    def _compute_open_exception_count(self):
        counts = self.env['crm.lead.exception'].read_group(
            [('lead_id', 'in', self.ids), ('state', '=', 'open')], ['lead_id'], ['lead_id'])
        by_lead = {count['lead_id'][0]: count['lead_id_count'] for count in counts}
        for lead in self:
            lead.open_exception_count = by_lead.get(lead.id, 0)

    @api.depends('create_date', 'date_last_stage_update', 'last_follow_up_date', 'last_message_date')
    def _compute_last_activity_date(self):
        for lead in self:
            dates = [date for date in (lead.create_date, lead.date_last_stage_update, lead.last_follow_up_date,
                                       lead.last_message_date) if date]
            lead.last_activity_date = max(dates) if dates else False

    @api.multi
    def _message_post_after_hook(self, message):
        result = super(CrmLead, self)._message_post_after_hook(message)
        if message.message_type in ACTIVITY_MESSAGE_TYPES and message.author_id != self.env.ref('base.partner_root'):
            # as superuser: a colleague of the collaboration team logs without the right to write
            self.sudo().write({'last_message_date': message.date})
        return result

    @api.multi
    def action_view_follow_ups(self):
        self.ensure_one()
        action = self.env.ref('crm_lifecycle.crm_customer_follow_up_action').read()[0]
        action['domain'] = [('lead_id', '=', self.id)]
        action['context'] = {'default_lead_id': self.id,
                             'default_partner_id': self.partner_id.commercial_partner_id.id}
        return action
