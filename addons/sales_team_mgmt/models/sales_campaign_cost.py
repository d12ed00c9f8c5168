from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class SalesCampaignCost(models.Model):
    """What a marketing campaign cost a company on a date (an invoice, a fair, an ad flight).

    Odoo 11's utm.campaign has no cost and no company, and a campaign is often paid in several
    instalments: dated entries per company let the resource plan take the spend of exactly the last 12
    months, the same window as the leads it divides by, without changing a model shared by all companies.
    """
    _name = 'sales.campaign.cost'
    _description = 'Campaign Cost'
    _order = 'date desc, id desc'

    campaign_id = fields.Many2one('utm.campaign', string='Campaign', required=True, index=True, ondelete='restrict')
    company_id = fields.Many2one('res.company', string='Company', required=True, index=True,
                                 default=lambda self: self.env['res.company']._company_default_get(
                                     'sales.campaign.cost'))
    date = fields.Date(required=True, index=True, default=fields.Date.context_today)
    currency_id = fields.Many2one(related='company_id.currency_id', readonly=True)
    amount = fields.Monetary('Spend', required=True, currency_field='currency_id')
    note = fields.Char('Description')

    @api.constrains('amount')
    def _check_amount(self):
        for cost in self:
            if cost.amount < 0:
                raise ValidationError(_('The spend of a campaign cannot be negative.'))
