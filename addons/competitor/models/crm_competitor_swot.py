from odoo import fields, models

SWOT_KINDS = [
    ('strength', 'Strength'),
    ('weakness', 'Weakness'),
    ('opportunity', 'Opportunity for Us'),
    ('threat', 'Threat to Us'),
]


class CrmCompetitorSwot(models.Model):
    """One entry of a competitor's SWOT analysis: a strength, weakness, opportunity or threat (as seen from
    our side: the opportunities and threats are ours in front of this competitor)."""
    _name = 'crm.competitor.swot'
    _description = 'Competitor SWOT Entry'
    _order = 'competitor_id, kind, sequence, id'
    _rec_name = 'description'

    competitor_id = fields.Many2one('crm.competitor', 'Competitor', required=True, index=True, ondelete='cascade')
    kind = fields.Selection(SWOT_KINDS, required=True, index=True)
    sequence = fields.Integer(default=10)
    description = fields.Char(required=True)
    company_id = fields.Many2one(related='competitor_id.company_id', store=True, readonly=True, index=True)
