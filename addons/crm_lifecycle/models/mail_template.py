from odoo import fields, models


class MailTemplate(models.Model):
    """Care letter templates (关怀信函模板) are Odoo's e-mail templates on contacts, marked as such: the batch care
    wizard mails them and prints them as letters. Only sales managers change them (record rules)."""
    _inherit = 'mail.template'

    is_care_template = fields.Boolean(
        'Care Letter Template', index=True,
        help='Offered by the batch care wizard, to e-mail the selected contacts or print letters for them.')
