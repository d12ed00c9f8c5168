from odoo import api, fields, models, tools


class SalesPerformanceLossStage(models.Model):
    """Where each salesperson loses opportunities: per person, company and stage, the opportunities lost from
    that stage (stage history 'lost' events, by the owner at the time) and their share of the person's losses.
    Rank 1 is the stage where the person loses most (ties: the earlier stage)."""
    _name = 'sales.performance.loss.stage'
    _description = 'Losses by Stage and Salesperson'
    _auto = False
    _rec_name = 'stage_id'
    _order = 'company_id, user_id, loss_rank'

    company_id = fields.Many2one('res.company', 'Company', readonly=True)
    user_id = fields.Many2one('res.users', 'Salesperson', readonly=True)
    team_id = fields.Many2one('crm.team', 'Sales Team', readonly=True)
    stage_id = fields.Many2one('crm.stage', 'Stage Lost From', readonly=True)
    lost_count = fields.Integer('Lost Deals', readonly=True, group_operator='sum')
    total_lost_count = fields.Integer('All Lost Deals', readonly=True, group_operator='max',
                                      help='All the opportunities the salesperson lost, from any stage.')
    lost_share = fields.Float('Share of Losses (%)', readonly=True, group_operator='sum')
    loss_rank = fields.Integer('Rank', readonly=True, group_operator='min',
                               help='1 for the stage where the salesperson loses most.')
    is_top_loss_stage = fields.Boolean('Loses Most Here', readonly=True)

    @api.model_cr
    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute("""
            CREATE OR REPLACE VIEW sales_performance_loss_stage AS (
                WITH lost AS (
                    SELECT h.company_id, h.user_id, h.from_stage_id AS stage_id, COUNT(*) AS lost_count
                      FROM crm_lead_stage_history h
                     WHERE h.event = 'lost' AND h.user_id IS NOT NULL AND h.from_stage_id IS NOT NULL
                       AND h.company_id IS NOT NULL
                     GROUP BY h.company_id, h.user_id, h.from_stage_id
                ),
                ranked AS (
                    SELECT lost.*,
                           SUM(lost.lost_count) OVER person AS total_lost_count,
                           ROW_NUMBER() OVER (PARTITION BY lost.company_id, lost.user_id
                                              ORDER BY lost.lost_count DESC, stage.sequence, stage.id) AS loss_rank
                      FROM lost JOIN crm_stage stage ON stage.id = lost.stage_id
                    WINDOW person AS (PARTITION BY lost.company_id, lost.user_id)
                )
                SELECT (r.company_id::bigint * 100000000 + r.user_id) * 1000000 + r.stage_id AS id,
                       r.company_id, r.user_id, u.sale_team_id AS team_id, r.stage_id, r.lost_count,
                       r.total_lost_count, 100.0 * r.lost_count / r.total_lost_count AS lost_share, r.loss_rank,
                       r.loss_rank = 1 AS is_top_loss_stage
                  FROM ranked r
                  JOIN res_users u ON u.id = r.user_id
            )""")
