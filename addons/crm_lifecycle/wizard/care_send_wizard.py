from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..models.care_preset import CARE_OCCASIONS
from ..models.cron_batch import BATCH_SIZE


class CareSendWizard(models.TransientModel):
    """Batch care (批量关怀) for the contacts selected in a list: e-mail them a care letter template through
    Odoo's outgoing mail queue, print the letters, or print Chinese envelopes. Every e-mail and letter is logged
    in ``crm.care.log``. Contacts who opted out of mass mailings, or have no e-mail address, get no e-mail and
    are reported."""
    _name = 'crm.care.send.wizard'
    _description = 'Batch Customer Care'

    contact_ids = fields.Many2many('res.partner', 'crm_care_send_wizard_contact_rel', 'wizard_id', 'partner_id',
                                   'Contacts', domain=[('is_company', '=', False)],
                                   default=lambda self: self._default_contact_ids())
    template_id = fields.Many2one('mail.template', 'Letter Template',
                                  domain=[('is_care_template', '=', True), ('model', '=', 'res.partner')])
    occasion = fields.Selection(CARE_OCCASIONS + [('other', 'Other')], 'Occasion', required=True,
                                default='festival')
    festival_id = fields.Many2one('crm.care.festival', 'Festival')
    note = fields.Text('Note', help='Logged with every care action of this batch.')
    mail_summary = fields.Text('E-mail Recipients', compute='_compute_summaries')
    envelope_summary = fields.Text('Envelopes', compute='_compute_summaries')
    state = fields.Selection([('draft', 'Draft'), ('done', 'Done')], 'Status', default='draft', readonly=True)
    result = fields.Text('Result', readonly=True)

    def _default_contact_ids(self):
        """The persons among the partners selected in the list (care goes to people, not companies)."""
        if self.env.context.get('active_model') != 'res.partner':
            return []
        partners = self.env['res.partner'].browse(self.env.context.get('active_ids') or [])
        return [(6, 0, partners.filtered(lambda partner: not partner.is_company).ids)]

    @api.onchange('occasion')
    def _onchange_occasion(self):
        if self.occasion != 'festival':
            self.festival_id = False

    @api.depends('contact_ids')
    def _compute_summaries(self):
        for wizard in self:
            recipients, skipped = wizard._split_mail_recipients()
            lines = [_('%s contact(s) will receive the e-mail.') % len(recipients)]
            lines += ['%s: %s' % (contact.name, reason) for contact, reason in skipped]
            wizard.mail_summary = '\n'.join(lines)
            without_address = wizard.contact_ids.filtered(lambda contact: not contact._has_postal_address())
            wizard.envelope_summary = (
                _('No postal address, no envelope: %s') % ', '.join(without_address.mapped('name'))
                if without_address else False)

    def _split_mail_recipients(self):
        """(contacts to e-mail, [(contact, reason skipped)])."""
        recipients = self.env['res.partner']
        skipped = []
        for contact in self.contact_ids:
            if contact.opt_out:
                skipped.append((contact, _('opted out of mass mailings, not e-mailed')))
            elif not contact.email:
                skipped.append((contact, _('no e-mail address, not e-mailed')))
            else:
                recipients |= contact
        return recipients, skipped

    def _check_ready(self, logged=True):
        """Contacts selected and all of them the user's to care for; for a logged care action (e-mail, letter)
        also the template and the festival."""
        if not self.contact_ids:
            raise UserError(_('Please select the contacts to care for.'))
        if logged and not self.template_id:
            raise UserError(_('Please choose a care letter template.'))
        if logged and self.occasion == 'festival' and not self.festival_id:
            raise UserError(_('Please choose the festival.'))
        self.contact_ids._check_can_care()

    def _log_care(self, contacts, care_action):
        Log = self.env['crm.care.log']
        for contact in contacts:
            Log.create({
                'contact_id': contact.id,
                'care_action': care_action,
                'occasion': self.occasion,
                'festival_id': self.festival_id.id,
                'template_id': self.template_id.id,
                'note': self.note,
            })

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    @api.multi
    def action_send_mail(self):
        """One mail.mail per contact, rendered from the template in the contact's language, left in the outgoing
        queue: Odoo's mail queue cron sends them in batches. A copy stays in the contact's chatter."""
        self.ensure_one()
        self._check_ready()
        recipients, skipped = self._split_mail_recipients()
        for start in range(0, len(recipients), BATCH_SIZE):
            batch = recipients[start:start + BATCH_SIZE]
            rendered = self.template_id.generate_email(batch.ids, fields=['subject', 'body_html', 'email_from',
                                                                          'reply_to'])
            for contact in batch:
                self._queue_mail(contact, rendered[contact.id])
            self._log_care(batch, 'email')
        lines = [_('%s e-mail(s) queued: they are sent by the outgoing mail queue.') % len(recipients)]
        if skipped:
            lines.append(_('Skipped:'))
            lines += ['%s: %s' % (contact.name, reason) for contact, reason in skipped]
        self.write({'state': 'done', 'result': '\n'.join(lines)})
        return {
            'type': 'ir.actions.act_window',
            'res_model': self._name,
            'res_id': self.id,
            'view_mode': 'form',
            'target': 'new',
        }

    def _queue_mail(self, contact, values):
        mail_values = {
            'subject': values.get('subject'),
            'body_html': values.get('body_html'),
            'body': values.get('body') or values.get('body_html'),
            'recipient_ids': [(4, contact.id)],
            'model': 'res.partner',
            'res_id': contact.id,
            'auto_delete': values.get('auto_delete'),
            'mail_server_id': values.get('mail_server_id'),
            # the message stays in the contact's chatter after the mail is sent (and deleted)
            'notification': True,
        }
        for optional in ('email_from', 'reply_to'):
            if values.get(optional):
                mail_values[optional] = values[optional]
        return self.env['mail.mail'].create(mail_values)

    @api.multi
    def action_print_letters(self):
        self.ensure_one()
        self._check_ready()
        self._log_care(self.contact_ids, 'letter')
        return self.env.ref('crm_lifecycle.crm_care_letter_report').report_action(
            self.contact_ids, data={'contact_ids': self.contact_ids.ids, 'template_id': self.template_id.id},
            config=False)

    @api.multi
    def action_print_envelopes(self):
        self.ensure_one()
        self._check_ready(logged=False)
        contacts = self.contact_ids.filtered(lambda contact: contact._has_postal_address())
        if not contacts:
            raise UserError(_('None of the selected contacts has a postal address.'))
        return self.env.ref('crm_lifecycle.crm_care_envelope_report').report_action(
            contacts, data={'contact_ids': contacts.ids}, config=False)
