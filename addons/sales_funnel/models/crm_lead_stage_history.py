from odoo import api, fields, models

HISTORY_EVENTS = [
    ('create', 'Created'),
    ('stage', 'Stage Change'),
    ('won', 'Won'),
    ('lost', 'Lost'),
    ('restore', 'Restored'),
]


class CrmLeadStageHistory(models.Model):
    """One stage change of an opportunity: the only source of the funnel analytics and the forecast.

    Written by the system only (``crm.lead`` create and write, as superuser); users read it as they
    read the opportunity. ``days_in_previous_stage`` is the time spent in ``from_stage_id``. A lost
    opportunity leaves its stage without entering another (``to_stage_id`` empty); a restored one
    enters its stage again.
    """
    _name = 'crm.lead.stage.history'
    _description = 'Opportunity Stage History'
    _order = 'date desc, id desc'
    _rec_name = 'lead_id'

    lead_id = fields.Many2one('crm.lead', 'Opportunity', required=True, index=True, ondelete='cascade')
    event = fields.Selection(HISTORY_EVENTS, required=True, index=True)
    # crm.stage refuses to delete a stage the history holds (see its unlink); the database does not, so that
    # the module's uninstall can delete its stages while Odoo's stage table stays.
    from_stage_id = fields.Many2one('crm.stage', 'From Stage', index=True, ondelete='set null')
    to_stage_id = fields.Many2one('crm.stage', 'To Stage', index=True, ondelete='set null')
    date = fields.Datetime(required=True, index=True, default=fields.Datetime.now)
    changed_by_id = fields.Many2one('res.users', 'Changed By', ondelete='set null')
    user_id = fields.Many2one('res.users', 'Salesperson', index=True, ondelete='set null',
                              help='The owner of the opportunity at the time of the change.')
    team_id = fields.Many2one('crm.team', 'Sales Team', index=True, ondelete='set null')
    sales_method_id = fields.Many2one('crm.sales.method', 'Sales Method', index=True, ondelete='set null')
    company_id = fields.Many2one('res.company', 'Company', index=True, ondelete='cascade')
    days_in_previous_stage = fields.Float('Days in Previous Stage', digits=(16, 2))
    amount = fields.Float('Expected Revenue', help='The expected revenue at the time of the change.')

    @api.model_cr
    def init(self):
        # The analytics walk each opportunity's changes in order.
        self.env.cr.execute("""
            CREATE INDEX IF NOT EXISTS crm_lead_stage_history_lead_date_idx
                ON crm_lead_stage_history (lead_id, date, id)""")
