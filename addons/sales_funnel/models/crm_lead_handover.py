from odoo import fields, models


class CrmLeadHandover(models.Model):
    """The handover log (移交记录) of an opportunity: who gave it to whom, why, when, done by whom.
    Written by ``crm.lead.action_handover`` only; users read it as they read the opportunity."""
    _name = 'crm.lead.handover'
    _description = 'Opportunity Handover'
    _order = 'date desc, id desc'
    _rec_name = 'lead_id'

    lead_id = fields.Many2one('crm.lead', 'Opportunity', required=True, index=True, ondelete='cascade',
                              readonly=True)
    from_user_id = fields.Many2one('res.users', 'From Salesperson', required=True, index=True, readonly=True,
                                   ondelete='restrict')
    to_user_id = fields.Many2one('res.users', 'To Salesperson', required=True, index=True, readonly=True,
                                 ondelete='restrict')
    note = fields.Text('Handover Note', required=True, readonly=True)
    date = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now, index=True)
    done_by_id = fields.Many2one('res.users', 'Done By', required=True, readonly=True, ondelete='restrict',
                                 default=lambda self: self.env.user)
    company_id = fields.Many2one(related='lead_id.company_id', store=True, readonly=True, index=True)
