from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

FOLLOW_UP_TYPES = [
    ('call', 'Phone Call'),
    ('visit', 'Visit'),
    ('wechat', 'WeChat'),
    ('email', 'Email'),
    ('meeting', 'Meeting'),
]


class CustomerFollowUp(models.Model):
    """One follow-up of a customer (跟进记录): when, how, with whom, what was said and what comes next.

    ``partner_id`` is always the customer company (a contact given there is moved to ``contact_id``).
    Logging one refreshes the customer's ``last_follow_up_date`` and ``next_follow_up_date``, which the
    reminder and recall crons read. Only the customer's owner, his team lead or a sales manager may
    log one: a customer of the public pool must be claimed first.
    """
    _name = 'crm.customer.follow.up'
    _description = 'Customer Follow-up'
    _order = 'date desc, id desc'

    date = fields.Datetime('Date', required=True, index=True, default=fields.Datetime.now)
    follow_up_type = fields.Selection(FOLLOW_UP_TYPES, 'Type', required=True, default='call')
    content = fields.Text('Content', required=True, help='What was discussed.')
    result = fields.Text('Result', help='What came out of it: needs, agreements, objections.')
    next_follow_up_date = fields.Date(
        'Next Follow-up', index=True,
        help='When to follow up this customer again: the owner is reminded a few days before. '
             'Proposed from the follow-up interval of the customer category.')
    partner_id = fields.Many2one('res.partner', 'Customer', required=True, index=True, ondelete='cascade',
                                 auto_join=True,  # record rules reach the customer by a join
                                 domain=[('is_company', '=', True), ('customer', '=', True)])
    contact_id = fields.Many2one('res.partner', 'Contact', index=True, ondelete='set null',
                                 domain=[('is_company', '=', False)], help='The person you spoke with.')
    lead_id = fields.Many2one('crm.lead', 'Opportunity', index=True, ondelete='set null')
    user_id = fields.Many2one('res.users', 'Salesperson', required=True, index=True, ondelete='restrict',
                              default=lambda self: self.env.user)
    company_id = fields.Many2one('res.company', 'Company', required=True, index=True,
                                 default=lambda self: self.env.user.company_id)

    @api.multi
    def name_get(self):
        labels = dict(self._fields['follow_up_type']._description_selection(self.env))
        return [(follow_up.id, '%s · %s' % (follow_up.partner_id.name or '', labels.get(follow_up.follow_up_type)))
                for follow_up in self]

    @api.onchange('partner_id')
    def _onchange_partner_id(self):
        if self.partner_id and not self.next_follow_up_date:
            self.next_follow_up_date = self._default_next_follow_up_date(self.partner_id, self.date)
        if self.contact_id and self.contact_id.commercial_partner_id != self.partner_id.commercial_partner_id:
            self.contact_id = False

    def _default_next_follow_up_date(self, customer, date):
        """The follow-up interval of the customer's category after ``date``, or nothing without one."""
        days = customer.customer_category_id.follow_up_interval_days
        if not days:
            return False
        start = fields.Datetime.context_timestamp(self, fields.Datetime.from_string(date or fields.Datetime.now()))
        return fields.Date.to_string(start.date() + timedelta(days=days))

    @api.constrains('date', 'next_follow_up_date')
    def _check_dates(self):
        now = fields.Datetime.now()
        for follow_up in self:
            if follow_up.date > now:
                raise ValidationError(_('A follow-up is logged once it happened: its date cannot be in the future.'))
            day = fields.Datetime.context_timestamp(self, fields.Datetime.from_string(follow_up.date)).date()
            if follow_up.next_follow_up_date and fields.Date.from_string(follow_up.next_follow_up_date) < day:
                raise ValidationError(_('The next follow-up cannot be planned before the follow-up itself.'))

    # ------------------------------------------------------------------
    # Create / write: the customer company, who may log, the customer's dates
    # ------------------------------------------------------------------
    @api.model
    def create(self, vals):
        vals = self._normalize_partner_vals(dict(vals))
        # read as superuser: whether this user may log on the customer is checked below, with a clear message
        customer = self.env['res.partner'].sudo().browse(vals.get('partner_id'))
        if customer and 'next_follow_up_date' not in vals:
            vals['next_follow_up_date'] = self._default_next_follow_up_date(customer, vals.get('date'))
        if customer.company_id and 'company_id' not in vals:
            vals['company_id'] = customer.company_id.id
        follow_up = super(CustomerFollowUp, self).create(vals)
        follow_up._check_can_log()
        follow_up.partner_id._refresh_follow_up_dates()
        return follow_up

    @api.multi
    def write(self, vals):
        if not self:
            return True
        vals = self._normalize_partner_vals(dict(vals))
        old_customers = self.mapped('partner_id')
        result = super(CustomerFollowUp, self).write(vals)
        if {'partner_id', 'contact_id', 'user_id'} & set(vals):
            self._check_can_log()
        if {'partner_id', 'date', 'next_follow_up_date'} & set(vals):
            (old_customers | self.mapped('partner_id'))._refresh_follow_up_dates()
        return result

    @api.multi
    def unlink(self):
        customers = self.mapped('partner_id')
        result = super(CustomerFollowUp, self).unlink()
        customers.exists()._refresh_follow_up_dates()
        return result

    def _normalize_partner_vals(self, vals):
        """A contact person given as the customer: log it on his company, with him as the contact."""
        if vals.get('partner_id'):
            partner = self.env['res.partner'].sudo().browse(vals['partner_id'])
            if partner.commercial_partner_id != partner:
                vals.setdefault('contact_id', partner.id)
                vals['partner_id'] = partner.commercial_partner_id.id
        return vals

    def _check_can_log(self):
        """Owner, his team lead (the team's customers) or a sales manager; nobody on a pool customer."""
        user = self.env.user
        is_manager = user._is_superuser() or user.has_group('sales_team.group_sale_manager')
        for follow_up in self.sudo():
            customer = follow_up.partner_id
            if not customer._is_company_customer():
                raise UserError(_('%s is not a customer company: follow-ups are logged on customer companies.')
                                % customer.display_name)
            contact = follow_up.contact_id
            if contact and contact.commercial_partner_id != customer:
                raise UserError(_('%(contact)s is not a contact of %(customer)s.') % {
                    'contact': contact.display_name, 'customer': customer.display_name})
            lead_customer = follow_up.lead_id.partner_id.commercial_partner_id
            if lead_customer and lead_customer != customer:
                raise UserError(_('Opportunity %(lead)s is not of %(customer)s.') % {
                    'lead': follow_up.lead_id.name, 'customer': customer.display_name})
            if is_manager:
                continue
            if follow_up.user_id != user:
                raise UserError(_('You may log follow-ups in your own name only.'))
            if not customer.user_id:
                raise UserError(_('%s is in the public pool: claim it before logging a follow-up.')
                                % customer.display_name)
            if customer.user_id == user:
                continue
            if user.has_group('sales_team.group_sale_salesman_all_leads'):
                teams = self.env['res.partner']._led_teams()
                members = teams.mapped('member_ids') | teams.mapped('user_id')
                if customer._is_of_teams(teams, members):
                    continue
            raise UserError(_('%(customer)s is owned by %(owner)s: only its owner, his team lead or a sales '
                              'manager may log a follow-up.') % {
                                  'customer': customer.display_name, 'owner': customer.user_id.name})
