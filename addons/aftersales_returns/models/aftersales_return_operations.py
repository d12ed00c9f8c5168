from collections import OrderedDict

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare, float_is_zero

from odoo.addons.crm_lifecycle.models.caller_time_zone import sudo_in_caller_tz

# Marks the values of a move checked before its picking or credit note exists: a Python object, which no
# RPC call can send, so the requirements of received / refunded / replaced are only lifted by the buttons.
_BEFORE_OPERATION = object()


class AftersalesReturn(models.Model):
    """What an approved return does in the warehouse and in accounting.

    Receive Goods: Odoo's return wizard (stock.return.picking) on the order's done deliveries, with the
    request's quantities, "to refund" (the order lines' delivered quantities go down), validated at once.
    Refund: a customer credit note against the order's invoice for the returned products at the order
    line prices and taxes, validated, carrying contract, salesperson and request (the commission basis).
    Replace: a new delivery of the same products from the order's warehouse, on the order's procurement
    group and order lines, so that the order shows it and its delivered quantities come back up once
    shipped. Each step is all or nothing: any failure raises and nothing stays half done.
    """
    _inherit = 'aftersales.return'

    picking_ids = fields.One2many('stock.picking', 'aftersales_return_id', string='Transfers', readonly=True)
    return_picking_count = fields.Integer('Returns Received', compute='_compute_operation_counts')
    replacement_picking_count = fields.Integer('Replacement Deliveries', compute='_compute_operation_counts')
    refund_ids = fields.One2many('account.invoice', 'return_id', string='Credit Notes', readonly=True)
    refund_count = fields.Integer('Credit Note Count', compute='_compute_operation_counts')
    amount_refunded = fields.Monetary('Refunded', compute='_compute_operation_counts',
                                      help='Total of the validated credit notes of the request.')

    def _pickings(self):
        """The request's transfers, whoever may read them (searched: the one2many cache may lag behind)."""
        return self.env['stock.picking'].sudo().search([('aftersales_return_id', 'in', self.ids)])

    def _refunds(self):
        """The request's credit notes, cancelled ones excepted."""
        return self.env['account.invoice'].sudo().search([('return_id', 'in', self.ids), ('state', '!=', 'cancel')])

    @api.depends('picking_ids.state', 'refund_ids.state', 'refund_ids.amount_total')
    def _compute_operation_counts(self):
        for request in self:
            pickings = request._pickings()
            refunds = request._refunds().filtered(lambda inv: inv.state in ('open', 'paid'))
            request.return_picking_count = len(pickings.filtered(lambda p: p.picking_type_code == 'incoming'))
            request.replacement_picking_count = len(pickings.filtered(lambda p: p.picking_type_code == 'outgoing'))
            request.refund_count = len(refunds)
            request.amount_refunded = sum(refunds.mapped('amount_total'))

    # ------------------------------------------------------------------ state requirements

    def _check_state_requirements(self, new_state, vals):
        if not vals.get(_BEFORE_OPERATION):
            pickings = self._pickings()
            if new_state == 'received' and not pickings.filtered(
                    lambda p: p.picking_type_code == 'incoming' and p.state == 'done'):
                raise UserError(_('Return request %s is received with "Receive Goods", which brings the goods '
                                  'back into stock.') % self.name)
            if new_state == 'refunded' and not self._refunds().filtered(
                    lambda inv: inv.state in ('open', 'paid')):
                raise UserError(_('Return request %s is refunded with "Refund", which issues the credit note.')
                                % self.name)
            if new_state == 'replaced' and not pickings.filtered(
                    lambda p: p.picking_type_code == 'outgoing' and p.state != 'cancel'):
                raise UserError(_('Return request %s is replaced with "Replace", which creates the replacement '
                                  'delivery.') % self.name)
        return super(AftersalesReturn, self)._check_state_requirements(new_state, vals)

    def _check_operation(self, new_state):
        """The user may do this step on this request (access, state table, group), before anything is made."""
        self.ensure_one()
        self.check_access_rights('write')
        self.check_access_rule('write')
        self._check_state_transition(new_state, {_BEFORE_OPERATION: True})

    # ------------------------------------------------------------------ receive goods

    @api.multi
    def action_receive(self):
        """Bring the goods back: return pickings of the order's deliveries, validated."""
        for request in self:
            if request._pickings().filtered(lambda p: p.picking_type_code == 'incoming'):
                raise UserError(_('The goods of return request %s have already been received.') % request.name)
            request._check_operation('received')
            pickings = sudo_in_caller_tz(request)._create_return_pickings()
            request.message_post(body=_('Goods received: %s.') % ', '.join(pickings.mapped('name')))
            request._move_to('received')
        return True

    def _delivery_moves(self, sale_line):
        """Done moves that delivered the order line to the customer (not returns), oldest first."""
        return sale_line.move_ids.filtered(
            lambda m: m.state == 'done' and not m.scrapped and not m.origin_returned_move_id
            and m.location_dest_id.usage == 'customer' and m.picking_id.picking_type_code == 'outgoing'
        ).sorted(key=lambda m: (m.date, m.id))

    def _move_returnable_quantity(self, move):
        """What of a delivery move has not been sent back yet (product unit)."""
        returned = sum(move.returned_move_ids.filtered(lambda m: m.state != 'cancel').mapped('product_qty'))
        return move.product_qty - returned

    def _allocate_to_deliveries(self):
        """{picking: {move: quantity in the product's unit}} covering every line of the request."""
        allocation = OrderedDict()
        for line in self.line_ids:
            product_uom = line.product_id.uom_id
            remaining = line.sale_line_id.product_uom._compute_quantity(line.quantity, product_uom)
            for move in self._delivery_moves(line.sale_line_id):
                if float_is_zero(remaining, precision_rounding=product_uom.rounding):
                    break
                available = self._move_returnable_quantity(move) - sum(
                    moves.get(move, 0.0) for moves in allocation.values())
                if float_compare(available, 0.0, precision_rounding=product_uom.rounding) <= 0:
                    continue
                taken = min(available, remaining)
                allocation.setdefault(move.picking_id, OrderedDict())
                allocation[move.picking_id][move] = allocation[move.picking_id].get(move, 0.0) + taken
                remaining -= taken
            if float_compare(remaining, 0.0, precision_rounding=product_uom.rounding) > 0:
                if not self._delivery_moves(line.sale_line_id):
                    raise UserError(_('Sales order %(order)s has no done delivery of %(product)s to return.') % {
                        'order': self.sale_order_id.name, 'product': line.product_id.display_name})
                raise UserError(_('The done deliveries of %(order)s leave too little of %(product)s to take '
                                  'back %(quantity)g %(uom)s.') % {
                    'order': self.sale_order_id.name, 'product': line.product_id.display_name,
                    'quantity': line.quantity, 'uom': line.product_uom_id.name})
        return allocation

    def _create_return_pickings(self):
        """Odoo's own return wizard per delivery, with the allocated quantities to refund; then validated."""
        self.ensure_one()
        if not self.line_ids:
            raise UserError(_('Return request %s has no products to return.') % self.name)
        pickings = self.env['stock.picking']
        for delivery, moves in self._allocate_to_deliveries().items():
            wizard = self.env['stock.return.picking'].with_context(
                active_model='stock.picking', active_id=delivery.id, active_ids=[delivery.id]).create({})
            for wizard_line in wizard.product_return_moves:
                wizard_line.write({'quantity': moves.get(wizard_line.move_id, 0.0), 'to_refund': True})
            wizard.product_return_moves.filtered(lambda wl: not wl.quantity).unlink()
            picking_id, _type = wizard._create_returns()
            picking = self.env['stock.picking'].browse(picking_id)
            picking.write({'aftersales_return_id': self.id, 'origin': '%s, %s' % (self.name, picking.origin)})
            self._validate_picking(picking)
            pickings |= picking
        return pickings

    def _validate_picking(self, picking):
        """Everything of the picking is done now (the goods are at the dock)."""
        if picking.state == 'draft':
            picking.action_confirm()
        if picking.state != 'assigned':
            picking.action_assign()
        for move in picking.move_lines:
            move.quantity_done = move.product_uom_qty
        picking.action_done()
        if picking.state != 'done':
            raise UserError(_('Transfer %s could not be validated.') % picking.name)

    # ------------------------------------------------------------------ refund

    @api.multi
    def action_refund(self):
        """The customer credit note of the returned goods, validated."""
        for request in self:
            if request._refunds():
                raise UserError(_('Return request %s already has a credit note.') % request.name)
            request._check_operation('refunded')
            refund = sudo_in_caller_tz(request)._create_refund()
            request.message_post(body=_('Credit note %(number)s of %(amount)s issued.') % {
                'number': refund.number, 'amount': '%.2f' % refund.amount_total})
            request._move_to('refunded')
        return True

    def _original_invoice(self):
        """The validated customer invoice the credit note is against: the order's (the one with the returned
        lines first), else its contract's latest."""
        order = self.sale_order_id
        validated = lambda inv: inv.type == 'out_invoice' and inv.state in ('open', 'paid')  # noqa: E731
        invoices = order.invoice_ids.filtered(validated)
        with_lines = invoices.filtered(
            lambda inv: inv.invoice_line_ids.mapped('sale_line_ids') & self.line_ids.mapped('sale_line_id'))
        invoices = with_lines or invoices or order.contract_id.invoice_ids.filtered(validated)
        if not invoices:
            raise UserError(_('Sales order %s has no validated customer invoice to refund: invoice it first, or '
                              'replace the goods instead.') % order.name)
        return invoices.sorted(key=lambda inv: (inv.date_invoice or '', inv.id))[-1]

    def _prepare_refund_values(self, invoice):
        order = self.sale_order_id
        invoiced_lines = invoice.invoice_line_ids.mapped('sale_line_ids')
        lines = []
        for line in self.line_ids:
            values = line.sale_line_id._prepare_invoice_line(qty=line.quantity)
            values['origin'] = self.name
            if line.sale_line_id in invoiced_lines:
                # the order line's invoiced quantity goes down with the credit note
                values['sale_line_ids'] = [(6, 0, line.sale_line_id.ids)]
            lines.append((0, 0, values))
        return {
            'type': 'out_refund',
            'partner_id': invoice.partner_id.id,
            'account_id': invoice.account_id.id,
            'journal_id': invoice.journal_id.id,
            'currency_id': invoice.currency_id.id,
            'company_id': invoice.company_id.id,
            'fiscal_position_id': invoice.fiscal_position_id.id,
            'date_invoice': fields.Date.context_today(self),
            'refund_invoice_id': invoice.id,
            'origin': '%s, %s' % (self.name, invoice.number),
            'name': self.reason_id.name or self.name,
            'user_id': order.user_id.id,
            'team_id': order.team_id.id,
            'contract_id': order.contract_id.id or invoice.contract_id.id,
            'return_id': self.id,
            'invoice_line_ids': lines,
        }

    def _create_refund(self):
        self.ensure_one()
        invoice = self._original_invoice()
        refund = self.env['account.invoice'].with_context(
            type='out_refund', force_company=invoice.company_id.id).create(self._prepare_refund_values(invoice))
        refund.compute_taxes()
        refund.action_invoice_open()
        return refund

    # ------------------------------------------------------------------ replace

    @api.multi
    def action_replace(self):
        """A new delivery of the returned products to the customer, ready for the warehouse."""
        for request in self:
            if request._pickings().filtered(lambda p: p.picking_type_code == 'outgoing' and p.state != 'cancel'):
                raise UserError(_('Return request %s already has a replacement delivery.') % request.name)
            request._check_operation('replaced')
            picking = sudo_in_caller_tz(request)._create_replacement_picking()
            request.message_post(body=_('Replacement delivery %s created.') % picking.name)
            request._move_to('replaced')
        return True

    def _create_replacement_picking(self):
        self.ensure_one()
        order = self.sale_order_id
        picking_type = order.warehouse_id.out_type_id
        if not picking_type:
            raise UserError(_('Sales order %s has no warehouse to deliver the replacement from.') % order.name)
        customer_location = order.partner_shipping_id.property_stock_customer
        source_location = picking_type.default_location_src_id
        picking = self.env['stock.picking'].create({
            'picking_type_id': picking_type.id,
            'partner_id': order.partner_shipping_id.id,
            'location_id': source_location.id,
            'location_dest_id': customer_location.id,
            'origin': _('%(request)s, replacement for %(order)s') % {'request': self.name, 'order': order.name},
            'group_id': order.procurement_group_id.id,
            'company_id': order.company_id.id,
            'aftersales_return_id': self.id,
            'move_lines': [(0, 0, {
                'name': line.sale_line_id.name,
                'product_id': line.product_id.id,
                'product_uom_qty': line.quantity,
                'product_uom': line.sale_line_id.product_uom.id,
                'location_id': source_location.id,
                'location_dest_id': customer_location.id,
                'picking_type_id': picking_type.id,
                'warehouse_id': order.warehouse_id.id,
                'group_id': order.procurement_group_id.id,
                'sale_line_id': line.sale_line_id.id,
                'partner_id': order.partner_shipping_id.id,
                'company_id': order.company_id.id,
                'procure_method': 'make_to_stock',
            }) for line in self.line_ids],
        })
        picking.action_confirm()
        picking.action_assign()
        return picking

    # ------------------------------------------------------------------ smart buttons

    @api.multi
    def action_view_pickings(self):
        self.ensure_one()
        action = self.env.ref('stock.action_picking_tree_all').read()[0]
        action['domain'] = [('aftersales_return_id', '=', self.id)]
        action['context'] = {}
        return action

    @api.multi
    def action_view_refunds(self):
        self.ensure_one()
        action = self.env.ref('account.action_invoice_tree1').read()[0]
        action['domain'] = [('return_id', '=', self.id)]
        action['context'] = {'default_type': 'out_refund', 'type': 'out_refund'}
        return action
