from odoo import api, fields, models
from odoo.exceptions import AccessError

from .crm_lead_share_wizard import _colleague_domain


class CrmLeadHandoverWizard(models.TransientModel):
    """移交: give the opportunity to another salesperson with a note (``crm.lead.action_handover``)."""
    _name = 'crm.lead.handover.wizard'
    _description = 'Hand Over Opportunity'

    lead_id = fields.Many2one('crm.lead', 'Opportunity', required=True, ondelete='cascade',
                              default=lambda self: self.env.context.get('active_id'))
    from_user_id = fields.Many2one(related='lead_id.user_id', string='Current Salesperson', readonly=True)
    to_user_id = fields.Many2one('res.users', 'New Salesperson', required=True, domain=_colleague_domain)
    note = fields.Text('Handover Note', required=True,
                       help='What the new salesperson needs to know to take over: where the deal stands, the '
                            'promises made, the next steps.')

    @api.multi
    def action_handover(self):
        self.ensure_one()
        lead = self.lead_id
        lead.action_handover(self.to_user_id, self.note)
        try:
            lead.check_access_rule('read')
        except AccessError:
            # handed his own over: the form would show an opportunity he no longer sees
            return self.env.ref('crm.crm_lead_opportunities_tree_view').read()[0]
        return {'type': 'ir.actions.act_window_close'}
