from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

IMPORTANCE_LEVELS = [
    ('low', 'Low'),
    ('normal', 'Normal'),
    ('high', 'High'),
    ('critical', 'Critical'),
]


class CrmLead(models.Model):
    _inherit = 'crm.lead'
    # Colleagues of the collaboration team only read an opportunity, yet log on it.
    _mail_post_access = 'read'

    opportunity_number = fields.Char(
        readonly=True, copy=False, index=True,
        help='Given once, when the record becomes an opportunity (created as one or converted from a lead).')
    opportunity_type_id = fields.Many2one(
        'crm.opportunity.type', string='Opportunity Type', index=True, ondelete='set null',  # see unlink
        track_visibility='onchange')
    importance = fields.Selection(IMPORTANCE_LEVELS, default='normal', required=True, index=True,
                                  track_visibility='onchange')
    budget_amount = fields.Monetary(
        'Customer Budget', currency_field='company_currency',
        help="The customer's budget for this project, in the company currency.")
    is_key_project = fields.Boolean(
        'Key Project', index=True, track_visibility='onchange',
        help='Key projects are followed by management; they need an expected revenue.')

    date_decision = fields.Date(
        'Expected Decision Date', track_visibility='onchange', help='When the customer is expected to decide.')
    product_line_ids = fields.One2many('crm.lead.product', 'lead_id', string='Products of Interest')
    collaborator_ids = fields.One2many('crm.lead.collaborator', 'lead_id', string='Collaboration Team')

    _sql_constraints = [
        ('opportunity_number_uniq', 'unique(opportunity_number)', 'The opportunity number must be unique.'),
    ]

    @api.constrains('budget_amount')
    def _check_budget_amount(self):
        if any(lead.budget_amount < 0 for lead in self):
            raise ValidationError(_('The customer budget cannot be negative.'))

    @api.constrains('is_key_project', 'planned_revenue')
    def _check_key_project_revenue(self):
        for lead in self.filtered(lambda l: l.is_key_project and l.planned_revenue <= 0):
            raise ValidationError(_(
                '"%s" is a key project: please enter an expected revenue greater than zero.') % lead.name)

    @api.model
    def create(self, vals):
        lead = super(CrmLead, self).create(vals)
        # The type may come from vals, the context or the default: look at the record.
        lead._assign_opportunity_number()
        return lead

    @api.multi
    def write(self, vals):
        if vals.get('opportunity_number') and any(
                lead.opportunity_number and lead.opportunity_number != vals['opportunity_number'] for lead in self):
            raise UserError(_('An opportunity number cannot be changed once it has been given.'))
        result = super(CrmLead, self).write(vals)
        # A lead becomes an opportunity (also through convert_opportunity and the convert wizard).
        if vals.get('type') == 'opportunity':
            self._assign_opportunity_number()
        return result

    @api.multi
    def _assign_opportunity_number(self):
        """Give a number to the opportunities among self that have none; never replace one."""
        Sequence = self.env['ir.sequence']
        for lead in self.filtered(lambda l: l.type == 'opportunity' and not l.opportunity_number):
            number = Sequence.with_context(force_company=lead.company_id.id).next_by_code('crm.lead.opportunity')
            lead.write({'opportunity_number': number})
