from odoo import api, fields, models


class CustomerChurnWizard(models.TransientModel):
    """Asks why customers were lost before moving them to the churn stage (流失)."""
    _name = 'crm.customer.churn.wizard'
    _description = 'Mark Customers as Churned'

    partner_ids = fields.Many2many('res.partner', string='Customers', required=True,
                                   default=lambda self: self._default_partner_ids())
    churn_reason_id = fields.Many2one('crm.churn.reason', 'Churn Reason', required=True)
    churn_date = fields.Date('Churn Date', required=True, default=fields.Date.context_today)
    churn_note = fields.Text('Churn Details')

    def _default_partner_ids(self):
        if self.env.context.get('active_model') == 'res.partner':
            return [(6, 0, self.env.context.get('active_ids') or [])]
        return []

    @api.multi
    def action_confirm(self):
        self.ensure_one()
        self.partner_ids.mark_churned(self.churn_reason_id, note=self.churn_note, churn_date=self.churn_date)
        return {'type': 'ir.actions.act_window_close'}
