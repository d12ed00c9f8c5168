from odoo import api, fields, models, tools

from ..models.sale_contract_alert import LIVE_PLAN_DOCUMENT

AGEING_BUCKETS = [
    ('1_30', '1-30 Days'),
    ('31_60', '31-60 Days'),
    ('61_90', '61-90 Days'),
    ('over_90', 'Over 90 Days'),
]


class SalePaymentPlanAgeingReport(models.Model):
    """Overdue instalments (not paid, due before today) by how long overdue, with what is outstanding:
    a row per instalment, its amount in its bucket's column too, so that a pivot by customer or
    salesperson shows the four buckets side by side. "Today" is the database's date (UTC)."""
    _name = 'sale.payment.plan.ageing.report'
    _description = 'Overdue Instalments Ageing'
    _auto = False
    _rec_name = 'payment_plan_id'
    _order = 'days_overdue desc'

    payment_plan_id = fields.Many2one('sale.payment.plan', 'Instalment', readonly=True)
    contract_id = fields.Many2one('sale.contract', 'Contract', readonly=True)
    sale_order_id = fields.Many2one('sale.order', 'Sales Order', readonly=True)
    partner_id = fields.Many2one('res.partner', 'Customer', readonly=True)
    user_id = fields.Many2one('res.users', 'Salesperson', readonly=True)
    team_id = fields.Many2one('crm.team', 'Sales Team', readonly=True)
    company_id = fields.Many2one('res.company', 'Company', readonly=True)
    due_date = fields.Date('Due Date', readonly=True)
    days_overdue = fields.Integer('Days Overdue', readonly=True, group_operator='max')
    bucket = fields.Selection(AGEING_BUCKETS, 'Overdue', readonly=True)
    amount_residual = fields.Float('Outstanding', readonly=True)
    amount_1_30 = fields.Float('1-30 Days', readonly=True)
    amount_31_60 = fields.Float('31-60 Days', readonly=True)
    amount_61_90 = fields.Float('61-90 Days', readonly=True)
    amount_over_90 = fields.Float('Over 90 Days', readonly=True)

    @api.model_cr
    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute("""
            CREATE OR REPLACE VIEW sale_payment_plan_ageing_report AS (
                SELECT aged.*,
                       CASE WHEN bucket = '1_30' THEN amount_residual ELSE 0 END AS amount_1_30,
                       CASE WHEN bucket = '31_60' THEN amount_residual ELSE 0 END AS amount_31_60,
                       CASE WHEN bucket = '61_90' THEN amount_residual ELSE 0 END AS amount_61_90,
                       CASE WHEN bucket = 'over_90' THEN amount_residual ELSE 0 END AS amount_over_90
                  FROM (
                    SELECT p.id, p.id AS payment_plan_id, p.contract_id,
                           CASE WHEN p.contract_id IS NULL THEN p.sale_order_id END AS sale_order_id,
                           p.partner_id, p.user_id, p.team_id, p.company_id, p.due_date,
                           CURRENT_DATE - p.due_date AS days_overdue,
                           CASE WHEN CURRENT_DATE - p.due_date <= 30 THEN '1_30'
                                WHEN CURRENT_DATE - p.due_date <= 60 THEN '31_60'
                                WHEN CURRENT_DATE - p.due_date <= 90 THEN '61_90'
                                ELSE 'over_90' END::varchar AS bucket,
                           p.amount_residual
                      FROM sale_payment_plan p
                      LEFT JOIN sale_contract c ON c.id = p.contract_id
                      LEFT JOIN sale_order o ON o.id = p.sale_order_id
                     WHERE p.payment_state != 'paid' AND p.due_date < CURRENT_DATE AND %s
                  ) aged
            )""" % LIVE_PLAN_DOCUMENT)
