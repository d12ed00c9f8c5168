from odoo import _, api, fields, models
from odoo.exceptions import UserError

# Set once, when the document is uploaded.
UPLOAD_FIELDS = ('uploaded_by_id', 'upload_date')


class SaleContractDocument(models.Model):
    """A file kept with a contract (signed scan, technical annex, cost calculation ...). A confidential one is
    seen only by the contract's owner, the sales managers and the accountants (record rules); the file is an
    attachment of the document, so reading it needs the right to read the document."""
    _name = 'sale.contract.document'
    _description = 'Contract Document'
    _order = 'contract_id, id desc'

    name = fields.Char('Description', required=True)
    contract_id = fields.Many2one('sale.contract', string='Contract', required=True, ondelete='cascade', index=True)
    file = fields.Binary(attachment=True, required=True)
    file_name = fields.Char()
    confidential = fields.Boolean(
        index=True, help="Seen only by the contract's salesperson, the sales managers and the accountants; "
                         'not by colleagues nor the team leader.')
    company_id = fields.Many2one(related='contract_id.company_id', store=True, index=True, readonly=True)
    uploaded_by_id = fields.Many2one('res.users', string='Uploaded by', readonly=True, index=True)
    upload_date = fields.Datetime('Uploaded on', readonly=True)

    @api.onchange('file_name')
    def _onchange_file_name(self):
        if self.file_name and not self.name:
            self.name = self.file_name

    @api.model
    def create(self, vals):
        vals = dict(vals, uploaded_by_id=self.env.uid, upload_date=fields.Datetime.now())
        if not vals.get('name') and vals.get('file_name'):
            vals['name'] = vals['file_name']
        return super(SaleContractDocument, self).create(vals)

    @api.multi
    def write(self, vals):
        if any(name in vals for name in UPLOAD_FIELDS):
            raise UserError(_('Who uploaded a document and when cannot be changed.'))
        if 'contract_id' in vals and any(doc.contract_id.id != vals['contract_id'] for doc in self):
            raise UserError(_('A document stays with its contract; upload it again to the other contract.'))
        return super(SaleContractDocument, self).write(vals)
