from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import format_date


class CareLetterReport(models.AbstractModel):
    """Care letters (关怀信函): per contact, the company's letterhead and the care letter template rendered for him
    (in his language). The letterhead is in the page body: Debian's wkhtmltopdf drops Odoo's header."""
    _name = 'report.crm_lifecycle.report_care_letter'
    _description = 'Care Letter Report'

    @api.model
    def get_report_values(self, docids, data=None):
        data = data or {}
        contacts = self.env['res.partner'].browse(docids or data.get('contact_ids') or [])
        template = self.env['mail.template'].browse(data.get('template_id') or []).exists()
        if not template:
            raise UserError(_('Print care letters from the Batch Care wizard: it asks for the letter template.'))
        rendered = template.generate_email(contacts.ids, fields=['body_html']) if contacts else {}
        return {
            'doc_ids': contacts.ids,
            'doc_model': 'res.partner',
            'docs': contacts,
            'bodies': {contact_id: values.get('body_html') or '' for contact_id, values in rendered.items()},
            'sender_company': lambda contact: contact.company_id or self.env.user.company_id,
            'letter_date': format_date(self.env, fields.Date.context_today(self)),
        }
