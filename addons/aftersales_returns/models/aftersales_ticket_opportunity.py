from odoo import _, api, models
from odoo.exceptions import UserError


class AftersalesTicketOpportunity(models.Model):
    """A service visit often finds a new need: the agent hands it to the customer's owner as an opportunity."""
    _inherit = 'aftersales.ticket'

    @api.multi
    def action_create_opportunity(self):
        """Create the opportunity for the customer's owner (else the company's default owner, else unassigned
        in the pool), with the ticket's context, and link both ways. Agents cannot create opportunities:
        it is created as the superuser after checking that the user may change the ticket."""
        self.ensure_one()
        self.check_access_rights('write')
        self.check_access_rule('write')
        if self.lead_id:
            raise UserError(_('Ticket %s already has an opportunity.') % self.name)
        if self.state == 'cancelled':
            raise UserError(_('Ticket %s is cancelled.') % self.name)
        customer = self.partner_id.commercial_partner_id
        owner = customer.user_id or self.company_id.aftersales_opportunity_user_id
        lead = self.env['crm.lead'].sudo().create({
            'name': _('%(customer)s: need found in service ticket %(ticket)s') % {
                'customer': customer.name, 'ticket': self.name},
            'type': 'opportunity',
            'partner_id': customer.id,
            'contact_name': self.contact_id.name or False,
            'user_id': owner.id or False,
            'team_id': owner.sale_team_id.id or False,
            'company_id': self.company_id.id,
            'description': self._opportunity_context(),
        })
        self.write({'lead_id': lead.id})
        lead.message_post(body=_('Created from service ticket %(ticket)s by %(user)s.') % {
            'ticket': self.name, 'user': self.env.user.name},
            subtype='mail.mt_note', author_id=self.env.user.partner_id.id,
            partner_ids=owner.partner_id.ids)
        if owner:
            self.env['mail.activity'].sudo().create({
                'res_model_id': self.env['ir.model']._get('crm.lead').id,
                'res_id': lead.id,
                'activity_type_id': self.env.ref('mail.mail_activity_data_todo').id,
                'user_id': owner.id,
                'summary': _('Follow up the need found in service ticket %s') % self.name,
            })
        self.message_post(body=_('Opportunity created for %s.') % (owner.name or _('the customer pool')),
                          subtype='mail.mt_note')
        return True

    def _opportunity_context(self):
        lines = [
            _('Service ticket: %s - %s') % (self.name, self.title),
            _('Type: %s') % self.type_id.name,
        ]
        if self.product_id:
            lines.append(_('Product: %s') % self.product_id.display_name)
        if self.contract_id:
            lines.append(_('Contract: %s') % self.contract_id.name)
        if self.sale_order_id:
            lines.append(_('Sales order: %s') % self.sale_order_id.name)
        if self.contact_id:
            lines.append(_('Contact: %s') % self.contact_id.name)
        lines.append(_('Agent: %s') % (self.user_id.name or ''))
        if self.description:
            lines += ['', self.description]
        return '\n'.join(lines)
