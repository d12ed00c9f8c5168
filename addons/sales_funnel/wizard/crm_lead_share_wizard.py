from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..models.crm_lead_collaborator import COLLABORATOR_ROLES


def _colleague_domain(wizard):
    """Internal salespeople of the current company (the opportunity's): the method checks it again."""
    return [('share', '=', False), ('company_ids', 'in', wizard.env.user.company_id.ids),
            ('groups_id', 'in', wizard.env.ref('sales_team.group_sale_salesman').ids)]


class CrmLeadShareWizard(models.TransientModel):
    """共享: put colleagues on the opportunity's collaboration team (``crm.lead.action_share``)."""
    _name = 'crm.lead.share.wizard'
    _description = 'Share Opportunity'

    lead_id = fields.Many2one('crm.lead', 'Opportunity', required=True, ondelete='cascade',
                              default=lambda self: self.env.context.get('active_id'))
    user_ids = fields.Many2many('res.users', 'crm_lead_share_wizard_user_rel', 'wizard_id', 'user_id',
                                string='Colleagues', domain=_colleague_domain)
    role = fields.Selection(COLLABORATOR_ROLES, required=True, default='presales')
    note = fields.Text(help='Sent to the colleagues with the invitation and kept on the collaboration team.')

    @api.multi
    def action_share(self):
        self.ensure_one()
        if not self.user_ids:
            raise UserError(_('Choose the colleagues to share the opportunity with.'))
        self.lead_id.action_share(self.user_ids, self.role, self.note)
        return {'type': 'ir.actions.act_window_close'}
