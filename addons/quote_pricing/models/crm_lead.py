from odoo import api, fields, models


class CrmLead(models.Model):
    """An opportunity's quotations: the amount quoted (its current quotations, latest versions only — older
    versions are archived by sale_order_revision) and the latest one with its version."""
    _inherit = 'crm.lead'

    quoted_amount = fields.Monetary('Quoted Amount', compute='_compute_quotations', currency_field='company_currency',
                                    help='Untaxed total of its open quotations (latest versions).')
    latest_quotation_id = fields.Many2one('sale.order', 'Latest Quotation', compute='_compute_quotations')
    latest_quotation_version = fields.Integer('Latest Version', compute='_compute_quotations')

    @api.depends('order_ids.amount_untaxed', 'order_ids.state')
    def _compute_quotations(self):
        groups = self.env['sale.order'].read_group(
            [('opportunity_id', 'in', self.ids), ('state', 'in', ('draft', 'sent'))],
            ['opportunity_id', 'amount_untaxed'], ['opportunity_id'])
        amounts = {group['opportunity_id'][0]: group['amount_untaxed'] for group in groups}
        latest = {}
        orders = self.env['sale.order'].search([('opportunity_id', 'in', self.ids)], order='create_date desc, id desc')
        for order in orders:
            latest.setdefault(order.opportunity_id.id, order)
        for lead in self:
            order = latest.get(lead.id, self.env['sale.order'])
            lead.quoted_amount = amounts.get(lead.id, 0.0)
            lead.latest_quotation_id = order
            lead.latest_quotation_version = order.revision_number + 1 if order else 0
