from odoo import _, api, models


class CareEnvelopeReport(models.AbstractModel):
    """Chinese envelopes (中式信封, DL 220 × 110 mm): the recipient's postal code in the six boxes top left, his
    address, company and name in the centre, the sender company's address and postal code bottom right."""
    _name = 'report.crm_lifecycle.report_care_envelope'
    _description = 'Care Envelope Report'

    @api.model
    def get_report_values(self, docids, data=None):
        data = data or {}
        contacts = self.env['res.partner'].browse(docids or data.get('contact_ids') or [])
        return {
            'doc_ids': contacts.ids,
            'doc_model': 'res.partner',
            'docs': contacts,
            'sender_company': lambda contact: contact.company_id or self.env.user.company_id,
            'zip_digits': self._zip_digits,
            'addressee': self._addressee,
        }

    @api.model
    def _zip_digits(self, partner):
        """Six characters for the six boxes (blank when the postal code is missing or longer)."""
        code = (partner.zip or '').replace(' ', '')
        return list(code) if len(code) == 6 else [''] * 6

    @api.model
    def _addressee(self, partner):
        """周建国 先生 收 — the name with Mr./Ms. by gender, in the user's language."""
        if partner.gender == 'male':
            return _('Mr. %s') % partner.name
        if partner.gender == 'female':
            return _('Ms. %s') % partner.name
        return _('To %s') % partner.name
