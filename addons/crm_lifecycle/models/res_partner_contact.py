from odoo import api, fields, models

CONTACT_KINDS = [
    ('customer_contact', 'Customer Contact'),
    ('relations_resource', 'Relations Resource'),
]


def month_day(date_string):
    """A date as the integer MMDD (e.g. 229 for 29 February): what birthday reminders look up."""
    if not date_string:
        return False
    date = fields.Date.from_string(date_string)
    return date.month * 100 + date.day


class ResPartner(models.Model):
    """People (``is_company`` False): a contact at a customer or a relations resource (公关资源), with
    what a salesperson remembers about them. ``function`` is the position; the relatives are in
    ``crm.contact.relative``."""
    _inherit = 'res.partner'

    contact_kind = fields.Selection(
        CONTACT_KINDS, 'Contact Kind', default='customer_contact',
        help='Customer Contact: a person working at a customer. Relations Resource (公关资源): a person who '
             'opens doors (an official, an association, a consultant), not tied to one customer.')
    department = fields.Char('Department')
    gender = fields.Selection([('male', 'Male'), ('female', 'Female')], 'Gender')
    birthday = fields.Date('Birthday')
    birthday_month_day = fields.Integer(
        'Birthday (MMDD)', compute='_compute_birthday_month_day', store=True, index=True,
        help='Technical: month and day of the birthday, which the birthday reminder looks up.')
    interests = fields.Text('Interests', help='What the person cares about in business: topics, needs, concerns.')
    hobbies = fields.Text('Hobbies', help='Sports, food, tea, golf... what to talk about or invite the person to.')
    relative_ids = fields.One2many('crm.contact.relative', 'contact_id', 'Relatives',
                                   groups='sales_team.group_sale_salesman')

    @api.depends('birthday')
    def _compute_birthday_month_day(self):
        for partner in self:
            partner.birthday_month_day = month_day(partner.birthday)
