from odoo import api, fields, models


class CrmLead(models.Model):
    """The sales expenses of an opportunity, their total and what is left of its budget. The funnel
    analytics read ``expense_total`` as the opportunity's cost (ROI)."""
    _inherit = 'crm.lead'

    expense_ids = fields.One2many('crm.lead.expense', 'lead_id', string='Sales Expenses')
    expense_total = fields.Monetary(
        'Sales Expenses Total', compute='_compute_expense_total', store=True, compute_sudo=True,
        currency_field='company_currency',
        help='The sum of the sales expenses spent on this opportunity.')
    budget_remaining = fields.Monetary(
        'Budget Remaining', compute='_compute_expense_total', store=True, compute_sudo=True,
        currency_field='company_currency',
        help='The budget less the sales expenses; negative when they exceed it.')
    expense_over_budget = fields.Boolean(compute='_compute_expense_over_budget', string='Expenses Over Budget')
    expense_count = fields.Integer(compute='_compute_expense_count', string='Number of Expenses')

    @api.depends('expense_ids.amount', 'budget_amount')
    def _compute_expense_total(self):
        for lead in self:
            # the whole cost, whoever recomputes it (compute_sudo does not cover a lazy recomputation)
            lead.expense_total = sum(lead.sudo().expense_ids.mapped('amount'))
            lead.budget_remaining = lead.budget_amount - lead.expense_total

    @api.depends('expense_total', 'budget_amount')
    def _compute_expense_over_budget(self):
        for lead in self:
            # without a budget there is nothing to exceed
            lead.expense_over_budget = bool(lead.budget_amount) and lead.expense_total > lead.budget_amount

    def _compute_expense_count(self):
        counts = self.env['crm.lead.expense'].read_group([('lead_id', 'in', self.ids)], ['lead_id'], ['lead_id'])
        by_lead = {count['lead_id'][0]: count['lead_id_count'] for count in counts}
        for lead in self:
            lead.expense_count = by_lead.get(lead.id, 0)
