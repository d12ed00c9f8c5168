from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .care_festival import next_yearly_date, yearly_date

CARE_OCCASIONS = [
    ('birthday', 'Birthday'),
    ('festival', 'Festival'),
    ('anniversary', 'Cooperation Anniversary'),
]

CARE_ACTIONS = [
    ('gift', 'Gift'),
    ('call', 'Phone Call'),
    ('card', 'Greeting Card'),
    ('letter', 'Care Letter'),
    ('email', 'E-mail'),
    ('wechat', 'WeChat'),
    ('visit', 'Visit'),
]


class CarePreset(models.Model):
    """What to do for a contact on an occasion (客户关怀预设): send 黄总 a gift for 春节, call 沈总监 on her birthday,
    visit 金陵 on the anniversary of the first cooperation.

    The reminder cron gives the customer's owner a to-do activity ``lead_days`` before the occasion, once per
    preset and year (``crm.reminder.log``). Who may set presets: whoever may care for the contact (its customer's
    owner, his team lead, a sales manager, see ``res.partner._check_can_care``).
    """
    _name = 'crm.care.preset'
    _description = 'Customer Care Preset'
    _order = 'contact_id, occasion, id'

    contact_id = fields.Many2one('res.partner', 'Contact', required=True, index=True, ondelete='cascade',
                                 auto_join=True,  # record rules reach the customer by a join
                                 domain=[('is_company', '=', False)])
    customer_id = fields.Many2one('res.partner', 'Customer', related='contact_id.commercial_partner_id',
                                  store=True, index=True, readonly=True)
    user_id = fields.Many2one('res.users', 'Responsible', compute='_compute_user_id',
                              help="The customer's owner: he is reminded.")
    occasion = fields.Selection(CARE_OCCASIONS, 'Occasion', required=True, default='festival')
    festival_id = fields.Many2one('crm.care.festival', 'Festival', index=True, ondelete='restrict')
    lead_days = fields.Integer('Lead Time (days)', default=7,
                               help='How many days before the occasion the responsible is reminded: time to buy '
                                    'and send a gift, write a card or book a visit.')
    care_action = fields.Selection(CARE_ACTIONS, 'Care Action', required=True, default='gift')
    note = fields.Text('Note', help='What to give or say: tastes, budget, last year\'s gift.')
    next_date = fields.Date('Next Occasion', compute='_compute_next_date')
    active = fields.Boolean('Active', default=True)
    company_id = fields.Many2one('res.company', 'Company', required=True, index=True,
                                 default=lambda self: self.env.user.company_id)

    _sql_constraints = [
        ('lead_days_range', 'CHECK(lead_days >= 0 AND lead_days <= 90)',
         'The lead time of a care preset must be between 0 and 90 days.'),
    ]

    @api.depends('customer_id.user_id')
    def _compute_user_id(self):
        for preset in self:
            preset.user_id = preset.customer_id.user_id

    @api.depends('occasion', 'festival_id', 'contact_id.birthday', 'customer_id.cooperation_start_date')
    def _compute_next_date(self):
        today = fields.Date.from_string(fields.Date.context_today(self))
        for preset in self:
            next_date = preset._next_occurrence(today)
            preset.next_date = fields.Date.to_string(next_date) if next_date else False

    def _next_occurrence(self, start):
        """The first day of the occasion on or after ``start`` (a date), or None when unknown."""
        self.ensure_one()
        if self.occasion == 'festival':
            return self.festival_id._next_occurrence(start) if self.festival_id else None
        source = self.contact_id.birthday if self.occasion == 'birthday' else self.customer_id.cooperation_start_date
        if not source:
            return None
        source = fields.Date.from_string(source)
        if self.occasion == 'anniversary':
            # the first anniversary is one year after the first cooperation
            start = max(start, yearly_date(source.year + 1, source.month, source.day))
        return next_yearly_date(source.month, source.day, start)

    @api.onchange('occasion')
    def _onchange_occasion(self):
        if self.occasion != 'festival':
            self.festival_id = False

    @api.constrains('contact_id', 'occasion', 'festival_id')
    def _check_occasion(self):
        # as superuser: the record rules read the customer, stored only after the constraints ran
        for preset in self.sudo():
            contact = preset.contact_id
            if contact.is_company:
                raise ValidationError(_('%s is a company: care presets are set on its contacts (persons).')
                                      % contact.display_name)
            if preset.occasion == 'festival' and not preset.festival_id:
                raise ValidationError(_('Please choose the festival of the care preset for %s.') % contact.name)
            if preset.occasion != 'festival' and preset.festival_id:
                raise ValidationError(_('Only a festival care preset has a festival.'))
            if preset.occasion == 'birthday' and not contact.birthday:
                raise ValidationError(_('Please enter the birthday of %s before setting a birthday care preset.')
                                      % contact.name)
            if preset.occasion == 'anniversary' and not preset.customer_id.cooperation_start_date:
                raise ValidationError(_('Please enter the cooperation start date of %s before setting a '
                                        'cooperation anniversary care preset.') % preset.customer_id.display_name)
            same = preset.search_count([
                ('id', '!=', preset.id), ('contact_id', '=', contact.id), ('occasion', '=', preset.occasion),
                ('festival_id', '=', preset.festival_id.id), ('active', 'in', (True, False))])
            if same:
                raise ValidationError(_('%(contact)s already has a care preset for %(occasion)s.') % {
                    'contact': contact.name, 'occasion': preset._occasion_label()})

    def _occasion_label(self):
        """The festival's name, or the translated occasion."""
        self.ensure_one()
        if self.occasion == 'festival':
            return self.festival_id.name
        return dict(self._fields['occasion']._description_selection(self.env)).get(self.occasion)

    @api.model
    def create(self, vals):
        contact = self.env['res.partner'].browse(vals.get('contact_id'))
        contact._check_can_care()
        if contact.exists() and 'company_id' not in vals:
            company = contact.sudo().company_id or contact.sudo().commercial_partner_id.company_id
            if company:
                vals = dict(vals, company_id=company.id)
        return super(CarePreset, self).create(vals)

    @api.multi
    def write(self, vals):
        self.mapped('contact_id')._check_can_care()
        result = super(CarePreset, self).write(vals)
        if 'contact_id' in vals:
            self.mapped('contact_id')._check_can_care()
        return result

    @api.multi
    def unlink(self):
        self.mapped('contact_id')._check_can_care()
        return super(CarePreset, self).unlink()
