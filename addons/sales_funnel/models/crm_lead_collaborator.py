from odoo import api, fields, models

COLLABORATOR_ROLES = [
    ('presales', 'Pre-sales Engineer'),
    ('technical', 'Technical Support'),
    ('service', 'Customer Service'),
    ('manager', 'Manager'),
    ('sales', 'Co-selling Salesperson'),
    ('other', 'Other'),
]


class CrmLeadCollaborator(models.Model):
    """A colleague on an opportunity's collaboration team (协作团队): he reads the opportunity and its
    records and logs on it, without owning it."""
    _name = 'crm.lead.collaborator'
    _description = 'Opportunity Collaborator'
    _order = 'lead_id, id'

    lead_id = fields.Many2one('crm.lead', 'Opportunity', required=True, index=True, ondelete='cascade')
    user_id = fields.Many2one('res.users', 'Colleague', required=True, index=True, ondelete='cascade')
    role = fields.Selection(COLLABORATOR_ROLES, required=True, default='presales')
    note = fields.Char()
    company_id = fields.Many2one(related='lead_id.company_id', store=True, readonly=True, index=True)

    _sql_constraints = [
        ('user_once_per_lead', 'unique(lead_id, user_id)', 'This colleague is already on the collaboration team.'),
    ]

    @api.model
    def create(self, vals):
        collaborator = super(CrmLeadCollaborator, self).create(vals)
        collaborator._check_lead_writable()
        # he follows the opportunity: its messages reach him
        collaborator.lead_id.sudo().message_subscribe_users(user_ids=collaborator.user_id.ids)
        return collaborator

    @api.multi
    def write(self, vals):
        self._check_lead_writable()
        result = super(CrmLeadCollaborator, self).write(vals)
        self._check_lead_writable()
        return result

    @api.multi
    def unlink(self):
        self._check_lead_writable()
        return super(CrmLeadCollaborator, self).unlink()

    def _check_lead_writable(self):
        """Who may change the opportunity (its owner, his team lead, a manager) forms its team; the
        colleagues on it do not."""
        leads = self.mapped('lead_id')
        leads.check_access_rights('write')
        leads.check_access_rule('write')
