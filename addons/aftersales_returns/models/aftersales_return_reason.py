from odoo import models


class AftersalesReturnReason(models.Model):
    """Why a customer sends goods back (quality problem, wrong goods, damaged in transit...)."""
    _name = 'aftersales.return.reason'
    _description = 'Return Reason'
    _inherit = 'crm.config.list.mixin'
    _order = 'sequence, id'
