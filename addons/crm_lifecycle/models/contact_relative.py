from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .res_partner_contact import month_day

RELATIONS = [
    ('spouse', 'Spouse'),
    ('child', 'Child'),
    ('parent', 'Parent'),
    ('sibling', 'Sibling'),
    ('other', 'Other'),
]


class ContactRelative(models.Model):
    """A relative of a contact (配偶, 子女, 父母 ...): whose birthday the salesperson is reminded of."""
    _name = 'crm.contact.relative'
    _description = 'Contact Relative'
    _order = 'contact_id, id'

    contact_id = fields.Many2one('res.partner', 'Contact', required=True, index=True, ondelete='cascade',
                                 auto_join=True,  # record rules reach the customer by a join
                                 domain=[('is_company', '=', False)])
    relation = fields.Selection(RELATIONS, 'Relation', required=True, default='spouse')
    name = fields.Char('Name', required=True)
    birthday = fields.Date('Birthday')
    birthday_month_day = fields.Integer(
        'Birthday (MMDD)', compute='_compute_birthday_month_day', store=True, index=True,
        help='Technical: month and day of the birthday, which the birthday reminder looks up.')
    notes = fields.Text('Notes', help='School, job, tastes: what helps to choose a gift or start a talk.')
    company_id = fields.Many2one('res.company', 'Company', required=True, index=True,
                                 default=lambda self: self.env.user.company_id)

    @api.depends('birthday')
    def _compute_birthday_month_day(self):
        for relative in self:
            relative.birthday_month_day = month_day(relative.birthday)

    @api.model
    def create(self, vals):
        # The relative belongs to the company of its contact, when the contact has one.
        if vals.get('contact_id') and 'company_id' not in vals:
            contact = self.env['res.partner'].browse(vals['contact_id'])
            if contact.company_id:
                vals = dict(vals, company_id=contact.company_id.id)
        return super(ContactRelative, self).create(vals)

    @api.constrains('contact_id')
    def _check_contact_is_person(self):
        for relative in self:
            if relative.contact_id.is_company:
                raise ValidationError(_('%s is a company: relatives belong to persons.')
                                      % relative.contact_id.display_name)
