from odoo import api, fields, models


class CrmLead(models.Model):
    _inherit = 'crm.lead'

    return_ids = fields.One2many('aftersales.return', 'lead_id', string='Return Requests', readonly=True)
    return_count = fields.Integer('Return Request Count', compute='_compute_return_count')

    @api.depends('return_ids')
    def _compute_return_count(self):
        for lead in self:
            lead.return_count = len(lead.return_ids)

    @api.multi
    def action_view_returns(self):
        self.ensure_one()
        action = self.env.ref('aftersales_returns.aftersales_return_action').read()[0]
        action['domain'] = [('lead_id', '=', self.id)]
        action['context'] = {}
        return action
