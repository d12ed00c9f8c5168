from odoo import api, fields, models, tools


class CrmForecastReport(models.Model):
    """Expected revenue by month of expected closing, weighted two ways side by side: by the stage
    probability and by the historical conversion rate of the stage (crm.stage.conversion.report, which
    falls back to the stage probability when history is thin).

    The view is the union of the queries of ``_forecast_queries``: this module gives the open
    opportunities; a later module adds its own source (contract_mgmt: payment plans) by extending it and
    ``_forecast_sources``, with ids ``<its record id> * 10 + <its source digit>`` (opportunities: 1).
    """
    _name = 'crm.forecast.report'
    _description = 'Sales Forecast'
    _auto = False
    _rec_name = 'lead_id'
    _order = 'date'

    source = fields.Selection(lambda self: self._forecast_sources(), readonly=True)
    lead_id = fields.Many2one('crm.lead', 'Opportunity', readonly=True)
    date = fields.Date('Expected On', readonly=True)
    user_id = fields.Many2one('res.users', 'Salesperson', readonly=True)
    team_id = fields.Many2one('crm.team', 'Sales Team', readonly=True)
    company_id = fields.Many2one('res.company', 'Company', readonly=True)
    sales_method_id = fields.Many2one('crm.sales.method', 'Sales Method', readonly=True)
    stage_id = fields.Many2one('crm.stage', 'Stage', readonly=True)
    amount = fields.Float('Expected Revenue', readonly=True)
    stage_rate = fields.Float('Stage Probability (%)', readonly=True, group_operator='avg')
    history_rate = fields.Float('Historical Rate (%)', readonly=True, group_operator='avg', digits=(16, 1))
    weighted_stage_amount = fields.Float('Weighted by Stage Probability', readonly=True)
    weighted_history_amount = fields.Float('Weighted by Historical Rate', readonly=True)

    @api.model
    def _forecast_sources(self):
        return [('opportunity', 'Opportunity')]

    @api.model
    def _forecast_queries(self):
        """SELECTs with the view's columns: id, source, lead_id, date, user_id, team_id, company_id,
        sales_method_id, stage_id, amount, stage_rate, history_rate, weighted_stage_amount,
        weighted_history_amount."""
        return ["""
            SELECT lead.id * 10 + 1 AS id,
                   'opportunity'::varchar AS source,
                   lead.id AS lead_id,
                   lead.date_deadline AS date,
                   lead.user_id,
                   lead.team_id,
                   lead.company_id,
                   lead.sales_method_id,
                   lead.stage_id,
                   lead.planned_revenue AS amount,
                   stage.probability AS stage_rate,
                   COALESCE(conversion.forecast_rate, stage.probability) AS history_rate,
                   lead.planned_revenue * stage.probability / 100.0 AS weighted_stage_amount,
                   lead.planned_revenue * COALESCE(conversion.forecast_rate, stage.probability) / 100.0
                       AS weighted_history_amount
              FROM crm_lead lead
              JOIN crm_stage stage ON stage.id = lead.stage_id
              LEFT JOIN crm_stage_conversion_report conversion
                     ON conversion.stage_id = lead.stage_id
                    AND conversion.company_id IS NOT DISTINCT FROM lead.company_id
             WHERE lead.active AND lead.type = 'opportunity' AND lead.probability < 100"""]

    @api.model_cr
    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute('CREATE OR REPLACE VIEW crm_forecast_report AS (%s)'
                            % '\nUNION ALL\n'.join(self._forecast_queries()))
