from odoo import api, fields, models


class CrmLead(models.Model):
    """The opportunity shows the contract it was won with."""
    _inherit = 'crm.lead'

    contract_ids = fields.One2many('sale.contract', 'opportunity_id', string='Contracts')
    contract_count = fields.Integer(compute='_compute_contract_count', string='Contract Count')
    contract_id = fields.Many2one('sale.contract', string='Contract', compute='_compute_contract_count',
                                  help='The latest contract of the opportunity.')

    @api.depends('contract_ids')
    def _compute_contract_count(self):
        for lead in self:
            lead.contract_count = len(lead.contract_ids)
            lead.contract_id = lead.contract_ids[:1]

    @api.multi
    def action_view_contracts(self):
        self.ensure_one()
        action = self.env.ref('contract_mgmt.sale_contract_action').read()[0]
        action['domain'] = [('opportunity_id', '=', self.id)]
        action['context'] = {'default_opportunity_id': self.id, 'default_partner_id': self.partner_id.id}
        if self.contract_count == 1:
            action.update(views=[(False, 'form')], res_id=self.contract_ids.id)
        return action
