from odoo import api, fields, models, tools


class CustomerChurnReport(models.Model):
    """Churned customers by reason, category, owner, team and month: a view over res_partner."""
    _name = 'crm.customer.churn.report'
    _description = 'Customer Churn Analysis'
    _auto = False
    _rec_name = 'partner_id'
    _order = 'churn_date desc'

    partner_id = fields.Many2one('res.partner', 'Customer', readonly=True)
    churn_reason_id = fields.Many2one('crm.churn.reason', 'Churn Reason', readonly=True)
    churn_date = fields.Date('Churn Date', readonly=True)
    customer_category_id = fields.Many2one('crm.customer.category', 'Customer Category', readonly=True)
    customer_level_id = fields.Many2one('crm.customer.level', 'Customer Level', readonly=True)
    region_id = fields.Many2one('crm.customer.region', 'Region', readonly=True)
    industry_id = fields.Many2one('res.partner.industry', 'Industry', readonly=True)
    user_id = fields.Many2one('res.users', 'Salesperson', readonly=True)
    team_id = fields.Many2one('crm.team', 'Sales Team', readonly=True)
    company_id = fields.Many2one('res.company', 'Company', readonly=True)
    customer_count = fields.Integer('# Customers', readonly=True)

    @api.model_cr
    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute("""
            CREATE OR REPLACE VIEW crm_customer_churn_report AS (
                SELECT p.id AS id,
                       p.id AS partner_id,
                       p.churn_reason_id,
                       p.churn_date,
                       p.customer_category_id,
                       p.customer_level_id,
                       p.region_id,
                       p.industry_id,
                       p.user_id,
                       p.team_id,
                       p.company_id,
                       1 AS customer_count
                  FROM res_partner p
                 WHERE p.is_churned AND p.active
            )""")
