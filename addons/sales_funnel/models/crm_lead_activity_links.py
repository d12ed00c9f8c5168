from odoo import fields, models


class CrmLead(models.Model):
    """The visit plans, issues and cross-department requests of an opportunity, for its form."""
    _inherit = 'crm.lead'

    visit_plan_ids = fields.One2many('crm.lead.visit.plan', 'lead_id', string='Visit Plans')
    visit_plan_count = fields.Integer(compute='_compute_activity_counts', string='Planned Visits')
    issue_ids = fields.One2many('crm.lead.issue', 'lead_id', string='Issues')
    open_issue_count = fields.Integer(compute='_compute_activity_counts', string='Open Issues')
    request_ids = fields.One2many('crm.lead.request', 'lead_id', string='Requests')
    request_count = fields.Integer(compute='_compute_activity_counts', string='Open Requests')

    def _compute_activity_counts(self):
        counts = {}
        for key, model, domain in (
                ('visit_plan_count', 'crm.lead.visit.plan', [('state', '=', 'planned')]),
                ('open_issue_count', 'crm.lead.issue', [('state', 'in', ('open', 'in_progress'))]),
                ('request_count', 'crm.lead.request', [('state', '=', 'open')])):
            groups = self.env[model].read_group(domain + [('lead_id', 'in', self.ids)], ['lead_id'], ['lead_id'])
            counts[key] = {group['lead_id'][0]: group['lead_id_count'] for group in groups}
        for lead in self:
            for key, by_lead in counts.items():
                lead[key] = by_lead.get(lead.id, 0)
