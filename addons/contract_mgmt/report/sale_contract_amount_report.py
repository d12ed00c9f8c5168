from odoo import api, fields, models, tools

from ..models.sale_contract import LOCKED_STATES


class SaleContractAmountReport(models.Model):
    """Contract amounts by month of signing, team, salesperson, type and state (one row per contract)."""
    _name = 'sale.contract.amount.report'
    _description = 'Contract Amount Analysis'
    _auto = False
    _rec_name = 'contract_id'
    _order = 'date desc'

    contract_id = fields.Many2one('sale.contract', 'Contract', readonly=True)
    date = fields.Date('Sign Date', readonly=True)
    partner_id = fields.Many2one('res.partner', 'Customer', readonly=True)
    user_id = fields.Many2one('res.users', 'Salesperson', readonly=True)
    team_id = fields.Many2one('crm.team', 'Sales Team', readonly=True)
    contract_type_id = fields.Many2one('sale.contract.type', 'Contract Type', readonly=True)
    state = fields.Selection(lambda self: self.env['sale.contract']._fields['state'].selection, readonly=True)
    is_signed = fields.Boolean('Signed', readonly=True)
    company_id = fields.Many2one('res.company', 'Company', readonly=True)
    contract_count = fields.Integer('# Contracts', readonly=True)
    amount_total = fields.Float('Contract Amount', readonly=True)
    amount_untaxed = fields.Float('Untaxed Amount', readonly=True)
    margin_total = fields.Float('Expected Gross Margin', readonly=True)

    @api.model_cr
    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute("""
            CREATE OR REPLACE VIEW sale_contract_amount_report AS (
                SELECT c.id, c.id AS contract_id, c.sign_date AS date, c.partner_id, c.user_id, c.team_id,
                       c.contract_type_id, c.state, c.state IN %s AS is_signed, c.company_id,
                       1 AS contract_count, c.amount_total, c.amount_untaxed, c.margin_total
                  FROM sale_contract c)""", [LOCKED_STATES])
