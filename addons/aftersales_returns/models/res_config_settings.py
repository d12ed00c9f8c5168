from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = 'res.config.settings'

    return_approval_threshold = fields.Monetary(related='company_id.return_approval_threshold',
                                                currency_field='company_currency_id')
