from odoo import api, fields, models, tools

ROLES = [
    ('salesperson', 'Salesperson'),
    ('team_lead', 'Team Lead'),
    ('director', 'Sales Director'),
]
# Plans whose targets are in force (issued to the teams and not yet closed).
TARGET_STATES = ('issued', 'executing')


class SalesStaff(models.Model):
    """The staff directory: one row per salesperson with team, role, region and phone."""
    _name = 'sales.staff'
    _description = 'Sales Staff Directory'
    _auto = False
    _rec_name = 'user_id'
    _order = 'team_id, role desc, user_id'

    user_id = fields.Many2one('res.users', 'Salesperson', readonly=True)
    team_id = fields.Many2one('crm.team', 'Sales Team', readonly=True)
    parent_team_id = fields.Many2one('crm.team', 'Parent Team', readonly=True)
    team_leader_id = fields.Many2one('res.users', 'Team Leader', readonly=True)
    role = fields.Selection(ROLES, readonly=True)
    region_id = fields.Many2one('crm.customer.region', 'Sales Region', readonly=True)
    phone = fields.Char(readonly=True)
    mobile = fields.Char(readonly=True)
    email = fields.Char(readonly=True)
    company_id = fields.Many2one('res.company', 'Company', readonly=True)
    signed_target = fields.Float('Signed Amount Target', compute='_compute_current_targets',
                                 help='Signed contract amount targeted for this year in issued or executing plans.')
    collected_target = fields.Float('Collected Amount Target', compute='_compute_current_targets',
                                    help='Collected amount targeted for this year in issued or executing plans.')

    @api.model_cr
    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        # The role comes from the sales groups (Odoo stores implied groups on the user too); the region is the
        # team's, else the parent team's.
        self.env.cr.execute("""
            CREATE OR REPLACE VIEW sales_staff AS (
                WITH user_group AS (
                    SELECT r.uid, d.name
                      FROM res_groups_users_rel r
                      JOIN ir_model_data d ON d.model = 'res.groups' AND d.res_id = r.gid
                                          AND d.module = 'sales_team'
                     WHERE d.name IN ('group_sale_salesman', 'group_sale_salesman_all_leads', 'group_sale_manager'))
                SELECT u.id, u.id AS user_id, u.sale_team_id AS team_id, t.parent_id AS parent_team_id,
                       t.user_id AS team_leader_id,
                       CASE WHEN EXISTS (SELECT 1 FROM user_group g WHERE g.uid = u.id
                                            AND g.name = 'group_sale_manager') THEN 'director'
                            WHEN EXISTS (SELECT 1 FROM user_group g WHERE g.uid = u.id
                                            AND g.name = 'group_sale_salesman_all_leads')
                                 OR EXISTS (SELECT 1 FROM crm_team lt WHERE lt.user_id = u.id AND lt.active)
                                 THEN 'team_lead'
                            ELSE 'salesperson' END AS role,
                       COALESCE(t.region_id, pt.region_id) AS region_id,
                       p.phone, p.mobile, p.email, u.company_id
                  FROM res_users u
                  JOIN res_partner p ON p.id = u.partner_id
             LEFT JOIN crm_team t ON t.id = u.sale_team_id
             LEFT JOIN crm_team pt ON pt.id = t.parent_id
                 WHERE u.active AND u.share IS NOT TRUE
                   AND EXISTS (SELECT 1 FROM user_group g WHERE g.uid = u.id))""")

    @api.multi
    def _compute_current_targets(self):
        """This year's targets of each person in plans in force, with one query. A person's target split
        further (over months, products ...) for the same person counts once: only the person's topmost lines."""
        year = fields.Date.from_string(fields.Date.context_today(self)).year
        targets = {}
        if self.ids:
            self.env.cr.execute("""
                SELECT l.user_id, l.metric, SUM(l.target)
                  FROM sales_plan_line l
                  JOIN sales_plan p ON p.id = l.plan_id
             LEFT JOIN sales_plan_line parent ON parent.id = l.parent_id
                 WHERE l.user_id IN %s AND p.year = %s AND p.state IN %s
                   AND l.metric IN ('signed_amount', 'collected_amount')
                   AND (parent.user_id IS NULL OR parent.user_id != l.user_id)
              GROUP BY l.user_id, l.metric""", [tuple(self.mapped('user_id').ids), year, TARGET_STATES])
            targets = {(user_id, metric): total for user_id, metric, total in self.env.cr.fetchall()}
        for staff in self:
            staff.signed_target = targets.get((staff.user_id.id, 'signed_amount'), 0.0)
            staff.collected_target = targets.get((staff.user_id.id, 'collected_amount'), 0.0)
