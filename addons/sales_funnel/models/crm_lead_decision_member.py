from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

DECISION_ROLES = [
    ('decision_maker', 'Decision Maker'),
    ('user', 'User'),
    ('technical', 'Technical Evaluator'),
    ('finance', 'Finance'),
    ('informant', 'Informant'),
    ('coach', 'Coach'),
]
ATTITUDES = [
    ('supporter', 'Supporter'),
    ('neutral', 'Neutral'),
    ('opponent', 'Opponent'),
]
POWER_MIN, POWER_MAX = 1, 5


class CrmLeadDecisionMember(models.Model):
    """A person of the customer in an opportunity's decision team (决策链): the part he plays in the
    purchase, how he stands towards us, how much his word weighs, what worries him, and whom he reports
    to within the same team. Changed by who may change the opportunity; its collaboration team reads it."""
    _name = 'crm.lead.decision.member'
    _description = 'Decision Team Member'
    _order = 'lead_id, sequence, id'
    _rec_name = 'partner_id'

    lead_id = fields.Many2one('crm.lead', 'Opportunity', required=True, index=True, ondelete='cascade')
    sequence = fields.Integer(default=10)
    partner_id = fields.Many2one('res.partner', 'Contact', required=True, index=True, ondelete='restrict',
                                 domain=[('is_company', '=', False)])
    function = fields.Char(related='partner_id.function', string='Job Position', readonly=True)
    role = fields.Selection(DECISION_ROLES, 'Role in the Decision', required=True, default='user')
    attitude = fields.Selection(ATTITUDES, required=True, default='neutral',
                                help='How this person stands towards our offer.')
    power = fields.Integer('Influence', required=True, default=3,
                           help='How much his word weighs in the decision, from 1 (little) to 5 (decisive).')
    concerns = fields.Text(help='What this person cares about or worries about in the purchase.')
    parent_id = fields.Many2one('crm.lead.decision.member', 'Reports To', index=True, ondelete='set null',
                                domain="[('lead_id', '=', lead_id), ('id', '!=', id)]",
                                help='His superior in the decision team of the same opportunity.')
    child_ids = fields.One2many('crm.lead.decision.member', 'parent_id', 'Direct Reports')
    company_id = fields.Many2one(related='lead_id.company_id', store=True, readonly=True, index=True)

    _sql_constraints = [
        ('partner_once_per_lead', 'unique(lead_id, partner_id)',
         'This contact is already in the decision team of the opportunity.'),
    ]

    @api.constrains('power')
    def _check_power(self):
        for member in self:
            if not POWER_MIN <= member.power <= POWER_MAX:
                raise ValidationError(_('The influence of %(name)s must be between %(min)d and %(max)d.') % {
                    'name': member.partner_id.name, 'min': POWER_MIN, 'max': POWER_MAX})

    @api.constrains('partner_id')
    def _check_partner_is_person(self):
        for member in self.filtered('partner_id.is_company'):
            raise ValidationError(_('%s is a company: the decision team is made of people, add its contacts.')
                                  % member.partner_id.name)

    @api.constrains('parent_id', 'lead_id')
    def _check_reporting_line(self):
        for member in self:
            if member.parent_id and member.parent_id.lead_id != member.lead_id:
                raise ValidationError(_('%(name)s can only report to a member of the same decision team.') % {
                    'name': member.partner_id.name})
            # a member moved to another opportunity takes no one with him
            if member.child_ids.filtered(lambda child: child.lead_id != member.lead_id):
                raise ValidationError(_('Members of another decision team report to %s.') % member.partner_id.name)
        if not self._check_recursion():
            raise ValidationError(_('The reporting line cannot go round in a circle: someone would report to '
                                    'himself.'))

    @api.model
    def create(self, vals):
        member = super(CrmLeadDecisionMember, self).create(vals)
        member._check_lead_writable()
        return member

    @api.multi
    def write(self, vals):
        self._check_lead_writable()
        result = super(CrmLeadDecisionMember, self).write(vals)
        if 'lead_id' in vals:
            self._check_lead_writable()
        return result

    @api.multi
    def unlink(self):
        self._check_lead_writable()
        return super(CrmLeadDecisionMember, self).unlink()

    def _check_lead_writable(self):
        """Who may change the opportunity (its owner, his team lead, a manager) keeps its decision team;
        the collaboration team reads it (the record rule lets them see it)."""
        leads = self.mapped('lead_id')
        leads.check_access_rights('write')
        leads.check_access_rule('write')
