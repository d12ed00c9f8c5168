from odoo import api, fields, models


class SaleContractTerminate(models.TransientModel):
    """Asks why a contract is terminated before terminating it."""
    _name = 'sale.contract.terminate'
    _description = 'Terminate Contract'

    contract_id = fields.Many2one(
        'sale.contract', required=True, ondelete='cascade',
        default=lambda self: self._default_contract_id())
    reason = fields.Text(required=True)

    @api.model
    def _default_contract_id(self):
        if self.env.context.get('active_model') == 'sale.contract':
            return self.env.context.get('active_id')
        return False

    @api.multi
    def action_terminate(self):
        self.ensure_one()
        self.contract_id.action_terminate(reason=self.reason)
        return {'type': 'ir.actions.act_window_close'}
