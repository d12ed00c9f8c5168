from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = 'res.config.settings'

    contract_alert_end_days = fields.Integer(related='company_id.contract_alert_end_days')
    instalment_alert_due_days = fields.Integer(related='company_id.instalment_alert_due_days')
    approval_alert_days = fields.Integer(related='company_id.approval_alert_days')
    acceptance_alert_days = fields.Integer(related='company_id.acceptance_alert_days')
    overdue_escalation_days = fields.Integer(related='company_id.overdue_escalation_days')
    collection_user_id = fields.Many2one(related='company_id.collection_user_id')
