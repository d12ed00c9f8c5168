from odoo import api, models


class TierDefinition(models.Model):
    _inherit = 'tier.definition'

    @api.model
    def _get_tier_validation_model_names(self):
        return super(TierDefinition, self)._get_tier_validation_model_names() + ['aftersales.return']
