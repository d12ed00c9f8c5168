from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

COMPETITION_STATUS = [('active', 'In Competition'), ('eliminated', 'Eliminated'), ('winner', 'Winner')]


class CrmLeadCompetitor(models.Model):
    """One competitor in one opportunity: its bid, its terms and how it stands."""
    _name = 'crm.lead.competitor'
    _description = 'Opportunity Competitor'
    _rec_name = 'competitor_id'
    _order = 'bid_price, id'

    lead_id = fields.Many2one('crm.lead', string='Opportunity', required=True, index=True, ondelete='cascade')
    lead_partner_id = fields.Many2one(related='lead_id.partner_id', string='Customer', readonly=True)
    competitor_id = fields.Many2one('crm.competitor', string='Competitor', required=True, index=True,
                                    ondelete='restrict')
    bid_price = fields.Monetary(currency_field='currency_id', help="The competitor's offer for this deal.")
    currency_id = fields.Many2one(
        'res.currency', required=True, default=lambda self: self.env.user.company_id.currency_id)
    payment_terms = fields.Char()
    delivery_terms = fields.Char()
    warranty_terms = fields.Char()
    relationship_with_customer = fields.Text(help='Who the competitor knows at the customer and how well.')
    status = fields.Selection(COMPETITION_STATUS, default='active', required=True, index=True)
    notes = fields.Text()
    company_id = fields.Many2one(related='lead_id.company_id', store=True, readonly=True, index=True)

    _sql_constraints = [
        ('competitor_lead_uniq', 'unique(lead_id, competitor_id)',
         'A competitor is listed only once per opportunity.'),
        ('bid_price_positive', 'CHECK(bid_price >= 0)', 'A bid price cannot be negative.'),
    ]

    @api.constrains('status', 'lead_id')
    def _check_single_winner(self):
        for line in self.filtered(lambda l: l.status == 'winner'):
            lead = line.lead_id
            if lead.probability >= 100:
                raise ValidationError(_(
                    'The opportunity "%s" is won by us: %s cannot be its winner.')
                    % (lead.name, line.competitor_id.name))
            if len(lead.competitor_line_ids.filtered(lambda l: l.status == 'winner')) > 1:
                raise ValidationError(_('Only one competitor can win the opportunity "%s".') % lead.name)
