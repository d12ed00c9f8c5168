from odoo import _, api, fields, models
from odoo.addons import decimal_precision as dp
from odoo.exceptions import UserError, ValidationError
from odoo.tools.misc import formatLang


class SaleContractAmendmentLine(models.Model):
    """One line change of an amendment: a line added to the contract, a contract line modified (quantity,
    price, discount) or removed, with its values before and after."""
    _name = 'sale.contract.amendment.line'
    _description = 'Contract Amendment Line Change'
    _order = 'amendment_id, sequence, id'

    amendment_id = fields.Many2one('sale.contract.amendment', string='Amendment', required=True, ondelete='cascade',
                                   index=True)
    contract_id = fields.Many2one(related='amendment_id.contract_id', readonly=True)
    sequence = fields.Integer(default=10)
    change_type = fields.Selection([('add', 'Add'), ('modify', 'Modify'), ('remove', 'Remove')], 'Change',
                                   required=True, default='modify')
    # set null: a removed line goes, its change stays (with the values it had)
    contract_line_id = fields.Many2one('sale.contract.line', string='Contract Line', ondelete='set null',
                                       help='The line modified or removed.')
    product_id = fields.Many2one('product.product', string='Product', domain=[('sale_ok', '=', True)],
                                 ondelete='restrict')
    name = fields.Text('Description')
    product_uom_qty = fields.Float('New Quantity', digits=dp.get_precision('Product Unit of Measure'), default=1.0)
    product_uom = fields.Many2one('product.uom', string='Unit of Measure')
    price_unit = fields.Float('New Unit Price', digits=dp.get_precision('Product Price'), default=0.0)
    discount = fields.Float('New Discount (%)', digits=dp.get_precision('Discount'), default=0.0)
    tax_ids = fields.Many2many('account.tax', string='Taxes', help='Taxes of an added line.')
    old_qty = fields.Float('Quantity Before', digits=dp.get_precision('Product Unit of Measure'), readonly=True)
    old_price_unit = fields.Float('Unit Price Before', digits=dp.get_precision('Product Price'), readonly=True)
    old_discount = fields.Float('Discount Before (%)', digits=dp.get_precision('Discount'), readonly=True)
    old_total = fields.Monetary('Total Before', compute='_compute_totals')
    new_total = fields.Monetary('Total After', compute='_compute_totals')
    currency_id = fields.Many2one(related='amendment_id.currency_id', readonly=True)
    company_id = fields.Many2one(related='amendment_id.company_id', store=True, readonly=True, index=True)

    @api.depends('change_type', 'contract_line_id.tax_ids', 'old_qty', 'old_price_unit', 'old_discount',
                 'product_uom_qty', 'price_unit', 'discount', 'tax_ids', 'product_id')
    def _compute_totals(self):
        for line in self:
            taxes = line.contract_line_id.tax_ids if line.change_type != 'add' else line.tax_ids
            line.old_total = line._total(taxes, line.old_qty, line.old_price_unit, line.old_discount) \
                if line.change_type != 'add' else 0.0
            line.new_total = line._total(taxes, line.product_uom_qty, line.price_unit, line.discount) \
                if line.change_type != 'remove' else 0.0

    def _total(self, taxes, qty, price_unit, discount):
        """A line total taxes included, computed as the contract line computes it."""
        contract = self.amendment_id.contract_id
        price = price_unit * (1 - (discount or 0.0) / 100.0)
        return taxes.compute_all(price, contract.currency_id, qty, product=self.product_id or
                                 self.contract_line_id.product_id, partner=contract.partner_id)['total_included']

    @api.constrains('change_type', 'contract_line_id', 'product_id', 'name', 'product_uom_qty', 'price_unit',
                    'discount')
    def _check_change(self):
        for line in self:
            if line.change_type in ('modify', 'remove'):
                if not line.contract_line_id:
                    raise ValidationError(_('Choose the contract line to modify or remove.'))
                if line.contract_line_id.contract_id != line.amendment_id.contract_id:
                    raise ValidationError(_('Line "%s" is not a line of the amended contract.')
                                          % line.contract_line_id.name)
                twice = line.amendment_id.line_ids.filtered(
                    lambda other: other.contract_line_id == line.contract_line_id and other != line)
                if twice:
                    raise ValidationError(_('Contract line "%s" is changed twice in the same amendment.')
                                          % line.contract_line_id.name)
            elif not (line.product_id or line.name):
                raise ValidationError(_('An added line needs a product or a description.'))
            if line.change_type != 'remove':
                if line.product_uom_qty <= 0:
                    raise ValidationError(_('The new quantity must be positive (remove the line instead).'))
                if line.price_unit < 0 or not 0 <= line.discount <= 100:
                    raise ValidationError(_('A unit price cannot be negative, and a discount is between 0 and 100.'))

    @api.model
    def create(self, vals):
        line = super(SaleContractAmendmentLine, self).create(vals)
        line._check_amendment_editable()
        line._refresh_old_values()
        return line

    @api.multi
    def write(self, vals):
        self._check_amendment_editable()
        result = super(SaleContractAmendmentLine, self).write(vals)
        if 'contract_line_id' in vals:
            self._refresh_old_values()
        return result

    @api.multi
    def unlink(self):
        self._check_amendment_editable()
        return super(SaleContractAmendmentLine, self).unlink()

    def _check_amendment_editable(self):
        if self.env.user._is_superuser():
            return
        for amendment in self.mapped('amendment_id').filtered(lambda a: a.state != 'draft'):
            raise UserError(_('Amendment %(name)s is %(state)s: its line changes can no longer be edited.') % {
                'name': amendment.name, 'state': amendment._state_label(amendment.state)})

    def _refresh_old_values(self):
        """The values of the contract line the change starts from (kept once the amendment is applied)."""
        for line in self.sudo():
            contract_line = line.contract_line_id
            values = {'old_qty': contract_line.product_uom_qty, 'old_price_unit': contract_line.price_unit,
                      'old_discount': contract_line.discount}
            if line.change_type == 'add':
                values = {'old_qty': 0.0, 'old_price_unit': 0.0, 'old_discount': 0.0}
            super(SaleContractAmendmentLine, line).write(values)

    @api.onchange('contract_line_id')
    def _onchange_contract_line_id(self):
        contract_line = self.contract_line_id
        if contract_line:
            self.product_id = contract_line.product_id
            self.name = contract_line.name
            self.product_uom = contract_line.product_uom
            self.product_uom_qty = contract_line.product_uom_qty
            self.price_unit = contract_line.price_unit
            self.discount = contract_line.discount
            self.old_qty, self.old_price_unit = contract_line.product_uom_qty, contract_line.price_unit
            self.old_discount = contract_line.discount

    @api.onchange('product_id')
    def _onchange_product_id(self):
        if self.change_type != 'add' or not self.product_id:
            return
        # the same defaults as a contract line entered by hand
        probe = self.env['sale.contract.line'].new({'contract_id': self.amendment_id.contract_id.id,
                                                    'product_id': self.product_id.id})
        probe._onchange_product_id()
        self.name, self.product_uom, self.price_unit = probe.name, probe.product_uom, probe.price_unit
        self.tax_ids = probe.tax_ids

    # ------------------------------------------------------------------ applying

    def _contract_line_command(self):
        """The one2many command that makes this change on the contract's lines."""
        if self.change_type == 'remove':
            return (2, self.contract_line_id.id)
        values = {'product_uom_qty': self.product_uom_qty, 'price_unit': self.price_unit, 'discount': self.discount}
        if self.change_type == 'modify':
            return (1, self.contract_line_id.id, values)
        product = self.product_id
        values.update({
            'sequence': max(self.amendment_id.contract_id.line_ids.mapped('sequence') or [0]) + self.sequence,
            'product_id': product.id,
            'name': self.name or product.display_name,
            'product_uom': (self.product_uom or product.uom_id).id,
            'tax_ids': [(6, 0, self.tax_ids.ids)],
        })
        return (0, 0, values)

    def _subject(self):
        return (self.contract_line_id.product_id or self.product_id).display_name or self.name or ''

    def _line_text(self, qty, price, discount, total):
        text = '%s × %s' % (qty, formatLang(self.env, price, currency_obj=self.currency_id))
        if discount:
            text += _(' (discount %s%%)') % discount
        return '%s = %s' % (text, formatLang(self.env, total, currency_obj=self.currency_id))

    def _old_text(self):
        if self.change_type == 'add':
            return ''
        return self._line_text(self.old_qty, self.old_price_unit, self.old_discount, self.old_total)

    def _new_text(self):
        if self.change_type == 'remove':
            return _('Removed')
        return self._line_text(self.product_uom_qty, self.price_unit, self.discount, self.new_total)
