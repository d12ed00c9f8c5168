from odoo import api, fields, models, tools


class CrmStageConversionReport(models.Model):
    """Historical conversion rate of each stage, per company and method, over the last 12 months: of the
    opportunities that entered the stage in that time and are closed now, the share that was won.

    The forecast weighs an open opportunity by this rate when enough of them are closed (the company's
    minimum), otherwise by the stage probability (``forecast_rate``).
    """
    _name = 'crm.stage.conversion.report'
    _description = 'Stage Conversion Rates'
    _auto = False
    _rec_name = 'stage_id'
    _order = 'sales_method_id, stage_sequence'

    company_id = fields.Many2one('res.company', 'Company', readonly=True)
    sales_method_id = fields.Many2one('crm.sales.method', 'Sales Method', readonly=True)
    stage_id = fields.Many2one('crm.stage', 'Stage', readonly=True)
    stage_sequence = fields.Integer('Stage Order', readonly=True)
    entered_count = fields.Integer('Entered', readonly=True)
    closed_count = fields.Integer('Closed', readonly=True)
    won_count = fields.Integer('Won', readonly=True)
    historical_rate = fields.Float('Historical Rate (%)', readonly=True, group_operator='avg', digits=(16, 1))
    stage_probability = fields.Float('Stage Probability (%)', readonly=True, group_operator='avg')
    uses_history = fields.Boolean('Enough History', readonly=True)
    forecast_rate = fields.Float('Rate Used (%)', readonly=True, group_operator='avg', digits=(16, 1))

    @api.model_cr
    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute("""
            CREATE OR REPLACE VIEW crm_stage_conversion_report AS (
                WITH last_event AS (
                    SELECT history.lead_id, history.event
                      FROM (SELECT lead_id, MAX(id) AS last_id FROM crm_lead_stage_history GROUP BY lead_id) last
                      JOIN crm_lead_stage_history history ON history.id = last.last_id
                ), entered AS (
                    SELECT DISTINCT lead_id, to_stage_id AS stage_id, company_id
                      FROM crm_lead_stage_history
                     WHERE to_stage_id IS NOT NULL
                       AND date >= (now() AT TIME ZONE 'UTC') - INTERVAL '12 months'
                ), counted AS (
                    SELECT entered.company_id, entered.stage_id,
                           COUNT(*) AS entered_count,
                           COUNT(*) FILTER (WHERE last_event.event IN ('won', 'lost')) AS closed_count,
                           COUNT(*) FILTER (WHERE last_event.event = 'won') AS won_count
                      FROM entered
                      JOIN last_event ON last_event.lead_id = entered.lead_id
                     GROUP BY entered.company_id, entered.stage_id
                )
                SELECT counted.stage_id * 10000 + COALESCE(counted.company_id, 0) AS id,
                       counted.company_id,
                       stage.sales_method_id,
                       counted.stage_id,
                       stage.sequence AS stage_sequence,
                       counted.entered_count,
                       counted.closed_count,
                       counted.won_count,
                       CASE WHEN counted.closed_count > 0
                            THEN 100.0 * counted.won_count / counted.closed_count END AS historical_rate,
                       stage.probability AS stage_probability,
                       counted.closed_count > 0 AND counted.closed_count >= COALESCE(company.forecast_min_history, 0)
                           AS uses_history,
                       CASE WHEN counted.closed_count > 0
                                 AND counted.closed_count >= COALESCE(company.forecast_min_history, 0)
                            THEN 100.0 * counted.won_count / counted.closed_count
                            ELSE stage.probability END AS forecast_rate
                  FROM counted
                  JOIN crm_stage stage ON stage.id = counted.stage_id
                  LEFT JOIN res_company company ON company.id = counted.company_id
            )""")
