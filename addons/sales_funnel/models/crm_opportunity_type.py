from odoo import api, fields, models

from .lead_in_use_guard import check_not_used_by_leads


class CrmOpportunityType(models.Model):
    """What kind of business an opportunity is: a new project, an upsell, a renewal, a tender..."""
    _name = 'crm.opportunity.type'
    _description = 'Opportunity Type'
    _inherit = 'crm.config.list.mixin'
    _order = 'sequence, id'

    opportunity_count = fields.Integer(compute='_compute_opportunity_count', string='Opportunities')

    def _compute_opportunity_count(self):
        counts = self.env['crm.lead'].read_group(
            [('opportunity_type_id', 'in', self.ids), ('type', '=', 'opportunity')],
            ['opportunity_type_id'], ['opportunity_type_id'])
        by_type = {c['opportunity_type_id'][0]: c['opportunity_type_id_count'] for c in counts}
        for opportunity_type in self:
            opportunity_type.opportunity_count = by_type.get(opportunity_type.id, 0)

    @api.multi
    def unlink(self):
        check_not_used_by_leads(self, 'opportunity_type_id')
        return super(CrmOpportunityType, self).unlink()
