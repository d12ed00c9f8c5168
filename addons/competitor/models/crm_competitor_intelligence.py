from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

INTELLIGENCE_SOURCES = [
    ('customer', 'Customer'),
    ('colleague', 'Colleague'),
    ('partner', 'Partner or Distributor'),
    ('exhibition', 'Exhibition or Event'),
    ('website', 'Website or Media'),
    ('tender', 'Tender Documents'),
    ('other', 'Other'),
]


class CrmCompetitorIntelligence(models.Model):
    """A piece of intelligence about a competitor (竞争情报): dated, with its source, what was learnt and
    the documents, and what it concerns — an opportunity, a customer, a product. Seen on the competitor and
    on the opportunity; one about an opportunity is seen exactly as that opportunity."""
    _name = 'crm.competitor.intelligence'
    _description = 'Competitor Intelligence'
    _order = 'date desc, id desc'
    _rec_name = 'summary'

    competitor_id = fields.Many2one('crm.competitor', 'Competitor', required=True, index=True, ondelete='cascade')
    date = fields.Date(required=True, index=True, default=fields.Date.context_today)
    source = fields.Selection(INTELLIGENCE_SOURCES, required=True, default='customer')
    summary = fields.Char(required=True)
    content = fields.Text()
    attachment_ids = fields.Many2many('ir.attachment', 'crm_competitor_intelligence_attachment_rel',
                                      'intelligence_id', 'attachment_id', string='Attachments')
    lead_id = fields.Many2one('crm.lead', 'Opportunity', index=True, ondelete='cascade',
                              domain=[('type', '=', 'opportunity')])
    partner_id = fields.Many2one('res.partner', 'Customer', index=True, ondelete='set null',
                                 domain=[('is_company', '=', True), ('customer', '=', True)])
    product_id = fields.Many2one('product.product', 'Product', index=True, ondelete='set null')
    user_id = fields.Many2one('res.users', 'Reported By', required=True, index=True, ondelete='restrict',
                              default=lambda self: self.env.user)
    company_id = fields.Many2one('res.company', 'Company', required=True, index=True,
                                 default=lambda self: self.env.user.company_id)

    @api.onchange('lead_id')
    def _onchange_lead_id(self):
        if self.lead_id.partner_id:
            self.partner_id = self.lead_id.partner_id.commercial_partner_id

    @api.model
    def create(self, vals):
        lead = self.env['crm.lead'].browse(vals.get('lead_id') or [])
        if lead:
            vals = dict(vals, company_id=lead.company_id.id or vals.get('company_id'))
            if not vals.get('partner_id') and lead.partner_id:
                vals['partner_id'] = lead.partner_id.commercial_partner_id.id
        return super(CrmCompetitorIntelligence, self).create(vals)

    @api.constrains('lead_id', 'partner_id')
    def _check_customer_of_opportunity(self):
        for entry in self.filtered(lambda e: e.lead_id.partner_id and e.partner_id):
            if entry.lead_id.partner_id.commercial_partner_id != entry.partner_id.commercial_partner_id:
                raise ValidationError(_('The opportunity %(lead)s is not of the customer %(customer)s.') % {
                    'lead': entry.lead_id.name, 'customer': entry.partner_id.name})
