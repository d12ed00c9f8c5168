from odoo import api, fields, models


class SaleContract(models.Model):
    """The documents of a contract: its Documents tab and smart button."""
    _inherit = 'sale.contract'

    # Each user sees the documents the record rules let him see: the confidential ones only if he may.
    document_ids = fields.One2many('sale.contract.document', 'contract_id', string='Documents')
    document_count = fields.Integer(compute='_compute_document_count', string='Document Count')

    @api.depends('document_ids')
    def _compute_document_count(self):
        for contract in self:
            contract.document_count = len(contract.document_ids)

    @api.model
    def _is_writable_when_locked(self, field_name):
        # Documents are evidence (the signed scan, acceptance reports), not terms: they are added after signing.
        return field_name == 'document_ids' or super(SaleContract, self)._is_writable_when_locked(field_name)

    @api.multi
    def action_view_documents(self):
        self.ensure_one()
        action = self.env.ref('contract_mgmt.sale_contract_document_action').read()[0]
        action['domain'] = [('contract_id', '=', self.id)]
        action['context'] = {'default_contract_id': self.id}
        return action
