from odoo import api, models


class MailActivity(models.Model):
    """A care preset's reminder marked done is a care action: log it."""
    _inherit = 'mail.activity'

    @api.multi
    def action_feedback(self, feedback=False):
        reminders = self.env['crm.reminder.log'].sudo().search(
            [('activity_id', 'in', self.ids), ('reminder_type', '=', 'care_preset')])
        for reminder in reminders:
            reminder._log_care_done(feedback)
        return super(MailActivity, self).action_feedback(feedback=feedback)
