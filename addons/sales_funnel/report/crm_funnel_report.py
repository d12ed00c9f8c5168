from odoo import api, fields, models, tools


class CrmFunnelReport(models.Model):
    """The funnel, from the stage history only: one row per opportunity and stage it entered.

    For each (opportunity, stage): when it first entered the stage and who owned it then; the days it
    spent there in all (from the history rows that left the stage); whether it later reached a higher
    stage of its method (promotion, as 100 or 0 so that the average is the promotion rate); whether it
    was lost there. Pivot it by stage for count, amount, promotion rate and days per stage; by
    salesperson against the total for each one compared with the company.
    """
    _name = 'crm.funnel.report'
    _description = 'Funnel Analysis'
    _auto = False
    _rec_name = 'lead_id'
    _order = 'date_entered desc'

    lead_id = fields.Many2one('crm.lead', 'Opportunity', readonly=True)
    stage_id = fields.Many2one('crm.stage', 'Stage', readonly=True)
    stage_sequence = fields.Integer('Stage Order', readonly=True, group_operator='min')
    sales_method_id = fields.Many2one('crm.sales.method', 'Sales Method', readonly=True)
    user_id = fields.Many2one('res.users', 'Salesperson', readonly=True)
    team_id = fields.Many2one('crm.team', 'Sales Team', readonly=True)
    company_id = fields.Many2one('res.company', 'Company', readonly=True)
    date_entered = fields.Datetime('Entered On', readonly=True)
    amount = fields.Float('Expected Revenue', readonly=True, help='When the opportunity entered the stage.')
    opportunity_count = fields.Integer('# Opportunities', readonly=True)
    days_in_stage = fields.Float('Days in Stage', readonly=True, group_operator='avg', digits=(16, 1),
                                 help='Average days spent in the stage by the opportunities that left it.')
    promotion_rate = fields.Float('Promotion Rate (%)', readonly=True, group_operator='avg', digits=(16, 1),
                                  help='Share of the opportunities that reached a later stage.')
    lost_count = fields.Integer('# Lost Here', readonly=True)
    lost_rate = fields.Float('Lost Here (%)', readonly=True, group_operator='avg', digits=(16, 1))
    is_won_stage = fields.Boolean('Won Stage', readonly=True)

    @api.model_cr
    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute("""
            CREATE OR REPLACE VIEW crm_funnel_report AS (
                WITH entry AS (
                    SELECT lead_id, to_stage_id AS stage_id, MIN(id) AS first_id
                      FROM crm_lead_stage_history
                     WHERE to_stage_id IS NOT NULL
                     GROUP BY lead_id, to_stage_id
                ), departure AS (
                    SELECT lead_id, from_stage_id AS stage_id, SUM(days_in_previous_stage) AS days,
                           BOOL_OR(event = 'lost') AS lost
                      FROM crm_lead_stage_history
                     WHERE from_stage_id IS NOT NULL
                     GROUP BY lead_id, from_stage_id
                ), reach AS (
                    SELECT history.lead_id, MAX(stage.sequence) AS max_sequence
                      FROM crm_lead_stage_history history
                      JOIN crm_stage stage ON stage.id = history.to_stage_id
                     GROUP BY history.lead_id
                )
                SELECT entry.first_id AS id,
                       entry.lead_id,
                       entry.stage_id,
                       stage.sequence AS stage_sequence,
                       first.sales_method_id,
                       first.user_id,
                       first.team_id,
                       first.company_id,
                       first.date AS date_entered,
                       first.amount,
                       1 AS opportunity_count,
                       departure.days AS days_in_stage,
                       CASE WHEN stage.probability >= 100 THEN NULL
                            WHEN reach.max_sequence > stage.sequence THEN 100.0 ELSE 0.0 END AS promotion_rate,
                       CASE WHEN departure.lost THEN 1 ELSE 0 END AS lost_count,
                       CASE WHEN departure.lost THEN 100.0 ELSE 0.0 END AS lost_rate,
                       stage.probability >= 100 AS is_won_stage
                  FROM entry
                  JOIN crm_lead_stage_history first ON first.id = entry.first_id
                  JOIN crm_stage stage ON stage.id = entry.stage_id
                  JOIN reach ON reach.lead_id = entry.lead_id
                  LEFT JOIN departure ON departure.lead_id = entry.lead_id AND departure.stage_id = entry.stage_id
            )""")
