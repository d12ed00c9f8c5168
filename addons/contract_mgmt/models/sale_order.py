from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError


class SaleOrder(models.Model):
    _inherit = 'sale.order'

    contract_id = fields.Many2one(
        'sale.contract', string='Contract', index=True, copy=False, track_visibility='onchange',
        help='The contract this order executes.')

    @api.constrains('contract_id', 'partner_id')
    def _check_contract_customer(self):
        for order in self.filtered('contract_id'):
            if order.contract_id.partner_id.commercial_partner_id != order.partner_id.commercial_partner_id:
                raise ValidationError(_('Sales order %(order)s is for %(customer)s, but contract %(contract)s '
                                        'is with %(contract_customer)s.') % {
                    'order': order.name, 'customer': order.partner_id.display_name,
                    'contract': order.contract_id.name,
                    'contract_customer': order.contract_id.partner_id.display_name})

    @api.multi
    def _prepare_contract_values(self):
        self.ensure_one()
        customer = self.partner_id.commercial_partner_id
        return {
            'title': self.client_order_ref or self.name,
            'partner_id': customer.id,
            'customer_signer_id': self.partner_id.id if self.partner_id != customer else False,
            'user_id': self.user_id.id,
            'team_id': self.team_id.id,
            'amount_total': self.amount_total,
            'currency_id': self.currency_id.id,
            'company_id': self.company_id.id,
            # opportunity_id comes from sale_crm, installed automatically next to sale and crm.
            'opportunity_id': self.opportunity_id.id if 'opportunity_id' in self._fields else False,
            'sale_order_ids': [(4, self.id)],
        }

    @api.multi
    def action_create_contract(self):
        """Turn a confirmed order into a draft contract that carries its customer, amount and people."""
        self.ensure_one()
        if self.state not in ('sale', 'done'):
            raise UserError(_('Only a confirmed sales order can become a contract; confirm %s first.') % self.name)
        if self.contract_id:
            raise UserError(_('Sales order %(order)s already belongs to contract %(contract)s.') % {
                'order': self.name, 'contract': self.contract_id.name})
        contract = self.env['sale.contract'].create(self._prepare_contract_values())
        return {
            'type': 'ir.actions.act_window',
            'res_model': 'sale.contract',
            'res_id': contract.id,
            'view_mode': 'form',
            'target': 'current',
        }
