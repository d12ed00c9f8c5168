from odoo import api, fields, models

# who may read contracts
READERS = 'sales_team.group_sale_salesman,account.group_account_invoice'


class ResPartner(models.Model):
    """Customer 360°: its contracts and what is collected on them."""
    _inherit = 'res.partner'

    contract_ids = fields.One2many('sale.contract', 'partner_id', string='Contracts', groups=READERS)
    payment_plan_ids = fields.One2many('sale.payment.plan', 'partner_id', string='Collections', groups=READERS)
    contract_count = fields.Integer(compute='_compute_contract_figures', string='Contract Count', groups=READERS)
    contract_receivable = fields.Monetary('Contract Receivable', compute='_compute_contract_figures',
                                          currency_field='contract_currency_id', groups=READERS)
    contract_currency_id = fields.Many2one('res.currency', compute='_compute_contract_figures', groups=READERS)

    def _compute_contract_figures(self):
        # one grouped query for all the partners shown, not one per partner
        Contract = self.env['sale.contract']
        groups = Contract.read_group([('partner_id', 'in', self.ids)], ['partner_id', 'amount_receivable'],
                                     ['partner_id']) if self.ids else []
        figures = {group['partner_id'][0]: group for group in groups}
        for partner in self:
            group = figures.get(partner.id, {})
            partner.contract_count = group.get('partner_id_count', 0)
            partner.contract_receivable = group.get('amount_receivable', 0.0)
            partner.contract_currency_id = self.env.user.company_id.currency_id

    @api.multi
    def action_view_contracts(self):
        self.ensure_one()
        action = self.env.ref('contract_mgmt.sale_contract_action').read()[0]
        action['domain'] = [('partner_id', '=', self.commercial_partner_id.id)]
        action['context'] = {'default_partner_id': self.commercial_partner_id.id}
        return action
