from odoo import api, fields, models


class AftersalesReturnRefuse(models.TransientModel):
    """Asks why a return request is refused before refusing it."""
    _name = 'aftersales.return.refuse'
    _description = 'Refuse Return Request'

    return_id = fields.Many2one(
        'aftersales.return', string='Return Request', required=True, ondelete='cascade',
        default=lambda self: self._default_return_id())
    reason = fields.Text(required=True)

    @api.model
    def _default_return_id(self):
        if self.env.context.get('active_model') == 'aftersales.return':
            return self.env.context.get('active_id')
        return False

    @api.multi
    def action_refuse(self):
        self.ensure_one()
        self.return_id.action_refuse(reason=self.reason)
        return {'type': 'ir.actions.act_window_close'}
