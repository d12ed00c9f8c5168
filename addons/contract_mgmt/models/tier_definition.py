from odoo import api, fields, models


class TierDefinition(models.Model):
    """Contracts are approved through tiers; a tier may be reviewed by the leader of the document's sales
    team, so that one definition serves every team."""
    _inherit = 'tier.definition'

    review_type = fields.Selection(selection_add=[('team_leader', "Leader of the document's sales team")])

    @api.model
    def _get_tier_validation_model_names(self):
        return super(TierDefinition, self)._get_tier_validation_model_names() + [
            'sale.contract',
            'sale.contract.amendment',
        ]
