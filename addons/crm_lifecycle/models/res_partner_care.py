from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .res_partner_contact import month_day


class ResPartner(models.Model):
    """Customer care (客户关怀): the first cooperation date of a customer company, the care presets and the care log
    of its contacts, and who may care for a contact."""
    _inherit = 'res.partner'

    cooperation_start_date = fields.Date(
        'Cooperation Since', track_visibility='onchange',
        help='Date of the first cooperation with this customer (first order or contract): the cooperation '
             'anniversary of the care presets is counted from it.')
    cooperation_month_day = fields.Integer(
        'Cooperation Anniversary (MMDD)', compute='_compute_cooperation_month_day', store=True, index=True,
        help='Technical: month and day of the first cooperation, which the care reminder looks up.')
    care_preset_ids = fields.One2many('crm.care.preset', 'contact_id', 'Care Presets',
                                      groups='sales_team.group_sale_salesman')
    care_log_ids = fields.One2many('crm.care.log', 'contact_id', 'Care Log', readonly=True,
                                   groups='sales_team.group_sale_salesman')
    care_log_count = fields.Integer('Care Actions', compute='_compute_care_log_count',
                                    groups='sales_team.group_sale_salesman')

    @api.depends('cooperation_start_date')
    def _compute_cooperation_month_day(self):
        for partner in self:
            partner.cooperation_month_day = month_day(partner.cooperation_start_date)

    def _compute_care_log_count(self):
        """A person: his care actions; a company: those of all its contacts."""
        Log = self.env['crm.care.log']
        by_contact = {row['contact_id'][0]: row['contact_id_count'] for row in Log.read_group(
            [('contact_id', 'in', self.ids)], ['contact_id'], ['contact_id'])}
        by_customer = {row['customer_id'][0]: row['customer_id_count'] for row in Log.read_group(
            [('customer_id', 'in', self.ids)], ['customer_id'], ['customer_id'])}
        for partner in self:
            counts = by_customer if partner.is_company else by_contact
            partner.care_log_count = counts.get(partner.id, 0)

    @api.multi
    def action_view_care_logs(self):
        self.ensure_one()
        action = self.env.ref('crm_lifecycle.crm_care_log_action').read()[0]
        field = 'customer_id' if self.is_company else 'contact_id'
        action['domain'] = [(field, '=', self.id)]
        action['context'] = {'default_contact_id': self.id} if not self.is_company else {}
        return action

    def _has_postal_address(self):
        """Enough of an address to write an envelope."""
        self.ensure_one()
        return bool(self.street or self.street2 or self.city)

    def _care_postal_address(self):
        """The address the Chinese way, from the province down (江苏省南京市江宁区将军大道168号), the country first
        when it is not China: for letters and envelopes."""
        self.ensure_one()
        # a state of another country (left over from before the country was set) is not printed
        state = self.state_id.name if self.state_id and self.state_id.country_id == self.country_id else ''
        city = self.city or ''
        if city and state.startswith(city):
            city = ''  # 上海市 / 上海
        address = ''.join(part for part in (state, city, self.street or '', self.street2 or '') if part)
        if self.country_id and self.country_id.code != 'CN':
            address = '%s %s' % (self.country_id.name, address)
        return address

    def _check_can_care(self):
        """Refuse (UserError) unless the current user may care for these contacts: the owner of their customer
        (for a relations resource: his salesperson), the owner's team lead, or a sales manager."""
        if not self or self._is_ownership_manager():
            return
        user = self.env.user
        teams = members = None
        if user.has_group('sales_team.group_sale_salesman_all_leads'):
            teams = self._led_teams()
            members = teams.mapped('member_ids') | teams.mapped('user_id')
        for contact in self.sudo():
            customer = contact.commercial_partner_id
            owner = customer.user_id
            if owner == user:
                continue
            values = {'contact': contact.name, 'customer': customer.display_name, 'owner': owner.name}
            if not owner:
                if customer._is_company_customer():
                    raise UserError(_('%(contact)s is a contact of %(customer)s, which is in the public pool: '
                                      'claim it before caring for its contacts.') % values)
                raise UserError(_('%(contact)s has no salesperson in charge: only a sales manager may care '
                                  'for him.') % values)
            if teams is not None and customer._is_of_teams(teams, members):
                continue
            if customer == contact:
                raise UserError(_('%(contact)s is in the charge of %(owner)s: only he, his team lead or a sales '
                                  'manager may care for him.') % values)
            raise UserError(_('%(contact)s is a contact of %(customer)s, owned by %(owner)s: only its owner, his '
                              'team lead or a sales manager may care for its contacts.') % values)
