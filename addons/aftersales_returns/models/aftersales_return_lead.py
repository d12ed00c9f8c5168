from odoo import _, api, fields, models
from odoo.exceptions import UserError


class AftersalesReturn(models.Model):
    """A return can reveal new business (an upgrade, another model, more units): an opportunity for the
    customer's owner, with what the after-sales team learnt."""
    _inherit = 'aftersales.return'

    lead_id = fields.Many2one('crm.lead', string='Opportunity', readonly=True, copy=False, index=True,
                              ondelete='set null', track_visibility='onchange')

    def _prepare_lead_values(self):
        customer = self.partner_id.commercial_partner_id
        owner = customer.user_id
        products = '\n'.join('- %s: %g %s' % (line.product_id.display_name, line.quantity, line.product_uom_id.name)
                             for line in self.line_ids)
        description = _('From return request %(name)s (sales order %(order)s, reason: %(reason)s).\n'
                        'Products:\n%(products)s\n\n%(description)s') % {
            'name': self.name, 'order': self.sale_order_id.name, 'reason': self.reason_id.name or '-',
            'products': products or '-', 'description': self.description or ''}
        return {
            'name': _('%(customer)s: after-sales opportunity from %(name)s') % {
                'customer': customer.name, 'name': self.name},
            'type': 'opportunity',
            'partner_id': customer.id,
            'user_id': owner.id,
            'team_id': owner.sale_team_id.id,
            'company_id': self.company_id.id,
            'description': description.strip(),
        }

    @api.multi
    def action_create_opportunity(self):
        """An opportunity for the customer's owner, linked both ways; opened afterwards."""
        self.ensure_one()
        self.check_access_rights('write')
        self.check_access_rule('write')
        if self.lead_id:
            raise UserError(_('Return request %(name)s already has opportunity %(lead)s.') % {
                'name': self.name, 'lead': self.sudo().lead_id.name})
        # sudo: after-sales staff do not manage opportunities; the lead goes to the customer's owner
        lead = self.env['crm.lead'].sudo().create(self._prepare_lead_values())
        self.sudo().write({'lead_id': lead.id})
        self.message_post(body=_('Opportunity %s created for the customer\'s owner.') % lead.name)
        if not self.env['crm.lead'].check_access_rights('read', raise_exception=False):
            return True
        return self.action_view_opportunity()

    @api.multi
    def action_view_opportunity(self):
        self.ensure_one()
        return {
            'type': 'ir.actions.act_window',
            'res_model': 'crm.lead',
            'res_id': self.lead_id.id,
            'view_mode': 'form',
            'views': [(self.env.ref('crm.crm_case_form_view_oppor').id, 'form')],
            'target': 'current',
        }
