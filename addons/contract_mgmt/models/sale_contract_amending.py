from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.crm_lifecycle.models.trusted_context import trusted_flag
from .sale_contract_amendment import AMENDABLE_CONTRACT_STATES, DEFER_REBALANCE_FLAG, OPEN_STATES


class SaleContract(models.Model):
    """A contract's amendments and the history of what they changed."""
    _inherit = 'sale.contract'

    amendment_ids = fields.One2many('sale.contract.amendment', 'contract_id', string='Amendments', readonly=True,
                                    copy=False)
    amendment_count = fields.Integer(compute='_compute_amendment_count', string='Amendment Count')
    amendment_history_ids = fields.One2many('sale.contract.amendment.history', 'contract_id',
                                            string='Amendment History', readonly=True, copy=False)

    @api.depends('amendment_ids')
    def _compute_amendment_count(self):
        for contract in self:
            contract.amendment_count = len(contract.amendment_ids)

    @api.multi
    def _rebalance_payment_plan(self):
        # An amendment changes lines and amount in one write, then rebalances once from the final amount.
        if trusted_flag(self.env, DEFER_REBALANCE_FLAG):
            return {}
        return super(SaleContract, self)._rebalance_payment_plan()

    @api.multi
    def action_new_amendment(self):
        """The form of a new amendment of this contract (or of its open one)."""
        self.ensure_one()
        if self.state not in AMENDABLE_CONTRACT_STATES:
            raise UserError(_('Contract %(name)s is %(state)s: only a signed contract, or one being executed, is '
                              'amended.') % {'name': self.name, 'state': self._state_label(self.state)})
        open_amendment = self.amendment_ids.filtered(lambda a: a.state in OPEN_STATES)[:1]
        action = {
            'type': 'ir.actions.act_window', 'res_model': 'sale.contract.amendment', 'view_mode': 'form',
            'views': [(self.env.ref('contract_mgmt.sale_contract_amendment_view_form').id, 'form')],
            'target': 'current', 'context': {'default_contract_id': self.id},
        }
        if open_amendment:
            action['res_id'] = open_amendment.id
        return action

    @api.multi
    def action_view_amendments(self):
        self.ensure_one()
        action = self.env.ref('contract_mgmt.sale_contract_amendment_action').read()[0]
        action['domain'] = [('contract_id', '=', self.id)]
        action['context'] = {'default_contract_id': self.id}
        return action
