from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .care_preset import CARE_ACTIONS, CARE_OCCASIONS


class CareLog(models.Model):
    """One care action done for a contact (关怀记录): an e-mail sent, a letter printed, a gift given, a reminder of
    a care preset marked done, or anything the salesperson logs by hand."""
    _name = 'crm.care.log'
    _description = 'Customer Care Log'
    _order = 'date desc, id desc'

    date = fields.Date('Date', required=True, index=True, default=fields.Date.context_today)
    contact_id = fields.Many2one('res.partner', 'Contact', required=True, index=True, ondelete='cascade',
                                 auto_join=True,  # record rules reach the customer by a join
                                 domain=[('is_company', '=', False)])
    customer_id = fields.Many2one('res.partner', 'Customer', related='contact_id.commercial_partner_id',
                                  store=True, index=True, readonly=True)
    care_action = fields.Selection(CARE_ACTIONS, 'Care Action', required=True, default='gift')
    occasion = fields.Selection(CARE_OCCASIONS + [('other', 'Other')], 'Occasion', required=True, default='other')
    festival_id = fields.Many2one('crm.care.festival', 'Festival', ondelete='set null')
    template_id = fields.Many2one('mail.template', 'Letter Template', ondelete='set null')
    preset_id = fields.Many2one('crm.care.preset', 'Care Preset', index=True, ondelete='set null')
    user_id = fields.Many2one('res.users', 'Salesperson', required=True, index=True, ondelete='restrict',
                              default=lambda self: self.env.user)
    note = fields.Text('Note')
    company_id = fields.Many2one('res.company', 'Company', required=True, index=True,
                                 default=lambda self: self.env.user.company_id)

    @api.multi
    def name_get(self):
        actions = dict(self._fields['care_action']._description_selection(self.env))
        return [(log.id, '%s · %s' % (log.contact_id.name or '', actions.get(log.care_action)))
                for log in self]

    @api.model
    def create(self, vals):
        contact = self.env['res.partner'].browse(vals.get('contact_id'))
        if contact.exists() and 'company_id' not in vals:
            company = contact.sudo().company_id or contact.sudo().commercial_partner_id.company_id
            if company:
                vals = dict(vals, company_id=company.id)
        log = super(CareLog, self).create(vals)
        log._check_can_log()
        return log

    @api.multi
    def write(self, vals):
        result = super(CareLog, self).write(vals)
        if {'contact_id', 'user_id'} & set(vals):
            self._check_can_log()
        return result

    def _check_can_log(self):
        """Care for the contact allowed, and in one's own name (sales managers: anyone's)."""
        self.mapped('contact_id')._check_can_care()
        if self.env['res.partner']._is_ownership_manager():
            return
        if any(log.user_id != self.env.user for log in self):
            raise UserError(_('You may log care actions in your own name only.'))
