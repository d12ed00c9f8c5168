from odoo import api, models

from .in_use_guard import check_not_used_by_partners


class ChurnReason(models.Model):
    """Why a customer was lost (价格原因, 被竞争对手抢走 ...), required when a customer churns."""
    _name = 'crm.churn.reason'
    _description = 'Churn Reason'
    _inherit = 'crm.config.list.mixin'
    _order = 'sequence, id'

    @api.multi
    def unlink(self):
        check_not_used_by_partners(self, 'churn_reason_id')
        return super(ChurnReason, self).unlink()
