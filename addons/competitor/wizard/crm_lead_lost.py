from odoo import api, fields, models


class CrmLeadLost(models.TransientModel):
    """Mark Lost asks, besides the reason, which recorded competitor won and at what price."""
    _inherit = 'crm.lead.lost'

    lead_ids = fields.Many2many('crm.lead', string='Opportunities',
                                default=lambda self: self.env.context.get('active_ids', []))
    has_competitors = fields.Boolean(compute='_compute_has_competitors')
    competitor_wins = fields.Boolean(related='lost_reason_id.competitor_wins', readonly=True)
    winner_id = fields.Many2one('crm.competitor', 'Won by',
                                help='The competitor that got the deal (one recorded on the opportunity, or another).')
    winning_price = fields.Float("Competitor's Price")

    @api.depends('lead_ids')
    def _compute_has_competitors(self):
        for wizard in self:
            wizard.has_competitors = bool(wizard.lead_ids.mapped('competitor_line_ids'))

    @api.onchange('winner_id')
    def _onchange_winner_id(self):
        line = self.lead_ids.mapped('competitor_line_ids').filtered(lambda l: l.competitor_id == self.winner_id)[:1]
        if line.bid_price:
            self.winning_price = line.bid_price

    @api.multi
    def action_lost_reason_apply(self):
        if not self.winner_id:
            return super(CrmLeadLost, self).action_lost_reason_apply()
        for lead in self.env['crm.lead'].browse(self.env.context.get('active_ids')):
            lead.action_set_lost_to(self.winner_id, self.winning_price, self.lost_reason_id)
        return True
