from odoo import api, fields, models

from .in_use_guard import check_not_used_by_partners


class ChurnReason(models.Model):
    """Why a customer was lost (价格原因, 被竞争对手抢走 ...), required when a customer churns."""
    _name = 'crm.churn.reason'
    _description = 'Churn Reason'
    _order = 'sequence, id'

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        'res.company', index=True,
        default=lambda self: self.env['res.company']._company_default_get('crm.churn.reason'),
        help='Leave empty to share the reason between all companies.')

    @api.multi
    def unlink(self):
        check_not_used_by_partners(self, 'churn_reason_id')
        return super(ChurnReason, self).unlink()
