from odoo import fields, models


class CrmFunnelAnalysisStage(models.TransientModel):
    """One stage of the funnel analysis."""
    _name = 'crm.funnel.analysis.stage'
    _description = 'Funnel Analysis by Stage'
    _order = 'sequence, id'

    wizard_id = fields.Many2one('crm.funnel.analysis.wizard', required=True, ondelete='cascade')
    stage_id = fields.Many2one('crm.stage', 'Stage', readonly=True)
    sequence = fields.Integer(related='stage_id.sequence', readonly=True, store=True)
    opportunity_count = fields.Integer('# Opportunities', readonly=True)
    amount = fields.Float('Expected Revenue', readonly=True)
    promotion_rate = fields.Float('Promotion Rate (%)', readonly=True, digits=(16, 1))
    days_in_stage = fields.Float('Days in Stage', readonly=True, digits=(16, 1))
    lost_count = fields.Integer('# Lost Here', readonly=True)
