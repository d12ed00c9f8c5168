from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError

from .common import ContractCase


class TestPaymentPlan(ContractCase):

    @classmethod
    def setUpClass(cls):
        super(TestPaymentPlan, cls).setUpClass()
        cls.template = cls._plan_template()

    def test_plan_generated_on_approval_from_the_template(self):
        contract = self._draft_contract(amount_total=100000.01, payment_plan_template_id=self.template.id)
        self.assertFalse(contract.payment_plan_ids)
        self._approve(contract)
        plans = contract.payment_plan_ids.sorted('sequence')
        self.assertEqual(plans.mapped('name'), ['预付款', '发货款', '验收款'])
        for plan, expected in zip(plans, [30000.0, 60000.01, 10000.0]):
            self.assertAlmostEqual(plan.amount, expected, places=2)
        self.assertAlmostEqual(sum(plans.mapped('amount')), 100000.01, places=2,
                               msg='the instalments add up to the contract amount, cents included')
        self.assertFalse(any(plans.mapped('due_date')), 'the triggers have not happened yet')
        contract.sudo(self.salesperson).action_sign()
        today = fields.Date.from_string(fields.Date.context_today(contract))
        self.assertEqual(fields.Date.from_string(plans[0].due_date), today + timedelta(days=7),
                         'due 7 days after signing')
        self.assertFalse(plans[1].due_date, 'due on delivery, not yet delivered')

    def _far_from_the_superuser(self, user):
        """``user`` 25 hours ahead of the superuser, so that their dates always differ, calling without tz in
        the context (RPC): "today" must be the user's, not the superuser's."""
        user.tz = 'Pacific/Kiritimati'
        self.env.ref('base.user_root').tz = 'Pacific/Pago_Pago'
        return fields.Date.from_string(fields.Date.context_today(self.env['res.users'].sudo(user)))

    def test_plan_dated_from_the_approvers_today(self):
        template = self.env['sale.payment.plan.template'].create({'name': '测试 10 天', 'line_ids': [
            (0, 0, {'name': '全款', 'percent': 100, 'trigger': 'date', 'days_after': 10})]})
        contract = self._draft_contract(payment_plan_template_id=template.id)
        today = self._far_from_the_superuser(self.manager)
        contract.sudo(contract.user_id).action_submit()
        contract.sudo(self.manager).with_context(tz=False).action_approve()
        self.assertEqual(fields.Date.from_string(contract.payment_plan_ids.due_date), today + timedelta(days=10))

    def test_instalment_invoice_dated_the_invoicing_users_today(self):
        contract = self._signed_contract_with_plan()
        today = self._far_from_the_superuser(self.salesperson)
        plan = contract.payment_plan_ids.sorted('sequence')[0]
        plan.sudo(self.salesperson).with_context(tz=False).action_create_invoice()
        self.assertEqual(fields.Date.from_string(plan.invoice_id.date_invoice), today)

    def test_order_plan_dated_from_the_confirmation_day_in_the_users_time_zone(self):
        order = self.env['sale.order'].create({
            'partner_id': self.customer.id, 'user_id': self.salesperson.id, 'team_id': self.team.id,
            'payment_plan_template_id': self.template.id,
            'order_line': [(0, 0, {'product_id': self._product().id, 'product_uom_qty': 1, 'price_unit': 100.0})]})
        today = self._far_from_the_superuser(self.salesperson)
        order.sudo(self.salesperson).with_context(tz=False).action_confirm()
        advance = order.payment_plan_ids.filtered(lambda p: p.trigger == 'sign')
        self.assertEqual(fields.Date.from_string(advance.due_date), today + timedelta(days=7))
        # 20:00 UTC is already the next day in Shanghai
        self.salesperson.tz = 'Asia/Shanghai'
        order.confirmation_date = '2026-12-01 20:00:00'
        self.assertEqual(order.sudo(self.salesperson)._confirmation_day(), '2026-12-02')

    def test_instalments_must_add_up(self):
        contract = self._draft_contract()
        with self.assertRaisesRegex(UserError, 'add up to'), self.cr.savepoint():
            contract.write({'payment_plan_ids': [
                (0, 0, {'name': '预付款', 'amount': 30000.0, 'trigger': 'date', 'due_date': '2026-01-10'}),
                (0, 0, {'name': '尾款', 'amount': 60000.0, 'trigger': 'date', 'due_date': '2026-03-10'})]})
        contract.invalidate_cache()
        self.assertFalse(contract.payment_plan_ids, 'nothing of a refused plan is kept')
        contract.write({'payment_plan_ids': [
            (0, 0, {'name': '预付款', 'amount': 30000.0, 'trigger': 'date', 'due_date': '2026-01-10'}),
            (0, 0, {'name': '尾款', 'amount': 70000.0, 'trigger': 'date', 'due_date': '2026-03-10'})]})
        self.assertEqual(len(contract.payment_plan_ids), 2)

    def test_instalments_change_only_through_their_contract(self):
        contract = self._signed_contract_with_plan()
        plan = contract.payment_plan_ids[0]
        for user in (self.salesperson, self.manager, self.accountant):
            with self.assertRaises(AccessError), self.cr.savepoint():
                plan.sudo(user).write({'amount': 1.0})
        with self.assertRaisesRegex(UserError, 'amendment'), self.cr.savepoint():
            contract.sudo(self.salesperson).write({'payment_plan_ids': [(1, plan.id, {'due_date': '2026-02-01'})]})
        self.assertEqual(plan.due_date, '2026-01-10')

    def test_a_new_amount_rebalances_the_instalments_before_signing(self):
        contract = self._draft_contract(payment_plan_ids=[
            (0, 0, {'sequence': 1, 'name': '预付款', 'amount': 30000.0, 'trigger': 'date', 'due_date': '2026-01-10'}),
            (0, 0, {'sequence': 2, 'name': '尾款', 'amount': 70000.0, 'trigger': 'date', 'due_date': '2026-03-10'})])
        contract.write({'amount_total': 120000.0})
        self.assertEqual(contract.payment_plan_ids.sorted('sequence').mapped('amount'), [36000.0, 84000.0])
        self.assertTrue(any('rebalanced' in message.body for message in contract.message_ids))

    def test_each_instalment_invoiced_once(self):
        contract = self._signed_contract_with_plan()
        plan = contract.payment_plan_ids.sorted('sequence')[0]
        plan.sudo(self.salesperson).action_create_invoice()
        invoice = plan.invoice_id
        self.assertEqual((invoice.state, invoice.amount_total, invoice.partner_id), ('open', 30000.0, self.customer))
        self.assertEqual(invoice.contract_id, contract)
        self.assertEqual(plan.payment_state, 'invoiced')
        with self.assertRaisesRegex(UserError, 'already invoiced'), self.cr.savepoint():
            plan.sudo(self.accountant).action_create_invoice()
        self.assertEqual(self.env['account.invoice'].search_count([('payment_plan_id', '=', plan.id)]), 1)
        with self.assertRaises(UserError), self.cr.savepoint():
            contract.sudo(self.manager).write({'payment_plan_ids': [(1, plan.id, {'amount': 1.0})]})

    def test_draft_contract_is_not_invoiced_and_colleague_cannot_invoice(self):
        contract = self._draft_contract(payment_plan_ids=[
            (0, 0, {'name': '全款', 'amount': 100000.0, 'trigger': 'date', 'due_date': '2026-01-10'})])
        with self.assertRaisesRegex(UserError, 'not signed'), self.cr.savepoint():
            contract.payment_plan_ids.sudo(self.salesperson).action_create_invoice()
        self._approve(contract)
        contract.action_sign()
        with self.assertRaises(AccessError), self.cr.savepoint():
            contract.payment_plan_ids.sudo(self.colleague).action_create_invoice()
        self.assertFalse(contract.payment_plan_ids.invoice_id)

    def test_cron_invoices_due_instalments_once(self):
        contract = self._signed_contract_with_plan()
        Plan = self.env['sale.payment.plan']
        Plan._cron_invoice_due_instalments()
        first, second, last = contract.payment_plan_ids.sorted('sequence')
        self.assertTrue(first.invoice_id and second.invoice_id, 'the instalments due are invoiced')
        self.assertFalse(last.invoice_id, 'one due in the future is not')
        Plan._cron_invoice_due_instalments()
        self.assertEqual(len(contract.invoice_ids), 2, 'a second run invoices nothing twice')

    def test_collection_follows_the_payments(self):
        contract = self._signed_contract_with_plan()
        self.env['sale.payment.plan']._cron_invoice_due_instalments()
        first, second, last = contract.payment_plan_ids.sorted('sequence')
        self.assertEqual(first.collection_state, 'overdue', 'invoiced, unpaid and past its due date')
        self.assertEqual(contract.collection_state, 'overdue')
        self.assertIn(first, self.env['sale.payment.plan'].search([('is_overdue', '=', True)]))
        self._register_payment(first.invoice_id, 30000.0)
        self._register_payment(second.invoice_id, 20000.0)
        self.assertEqual(first.payment_state, 'paid')
        self.assertEqual(first.collection_state, 'paid')
        self.assertEqual((second.payment_state, second.amount_paid, second.amount_residual),
                         ('partial', 20000.0, 30000.0))
        self.assertEqual(last.collection_state, 'not_invoiced')
        paid = self.env['sale.payment.plan'].search([('collection_state', '=', 'paid'),
                                                     ('contract_id', '=', contract.id)])
        self.assertEqual(paid, first)
        self.assertEqual(len(contract.payment_ids), 2, 'the contract links its payments')
        self.assertEqual(contract.amount_invoiced, 80000.0)
        self.assertEqual(contract.amount_collected, 50000.0)
        self.assertEqual(contract.amount_receivable, 30000.0)
        self.assertAlmostEqual(contract.collected_percent, 50.0)
        self.assertEqual(self.customer.sudo(self.salesperson).contract_receivable, 30000.0,
                         'the customer 360° shows what is owed')

    def test_collected_payments_award_loyalty_points_once(self):
        self.env.user.company_id.loyalty_amount_per_point = 100.0
        contract = self._signed_contract_with_plan()
        plan = contract.payment_plan_ids.sorted('sequence')[0]
        plan.action_create_invoice()
        before = self.customer.loyalty_points
        payment = self._register_payment(plan.invoice_id, 30000.0)
        self.assertEqual(self.customer.loyalty_points - before, 300, 'one point per 100 collected')
        payment._award_loyalty_points()
        self.assertEqual(self.customer.loyalty_points - before, 300, 'once per payment')

    def test_accountant_reads_and_invoices_but_changes_no_terms(self):
        contract = self._signed_contract_with_plan()
        as_accountant = contract.sudo(self.accountant)
        self.assertEqual(len(as_accountant.payment_plan_ids), 3)
        self.assertEqual(as_accountant.amount_total, 100000.0)
        for values in ({'terms': '<p>改</p>'}, {'amount_total': 1.0}):
            with self.assertRaises((AccessError, UserError)), self.cr.savepoint():
                as_accountant.write(values)
        plan = as_accountant.payment_plan_ids.sorted('sequence')[0]
        plan.action_create_invoice()
        self.assertTrue(plan.invoice_id)
        self.assertTrue(self.env['sale.payment.plan'].sudo(self.accountant).search([('is_overdue', '=', True)]))

    def test_colleague_sees_no_instalment_of_mine(self):
        contract = self._signed_contract_with_plan()
        self.assertFalse(self.env['sale.payment.plan'].sudo(self.colleague).search(
            [('contract_id', '=', contract.id)]))
        self.assertEqual(self.env['sale.payment.plan'].sudo(self.team_lead).search_count(
            [('contract_id', '=', contract.id)]), 3)

    def test_order_without_contract_has_its_own_plan(self):
        product = self._product()
        order = self.env['sale.order'].create({
            'partner_id': self.customer.id, 'user_id': self.salesperson.id, 'team_id': self.team.id,
            'payment_plan_template_id': self.template.id,
            'order_line': [(0, 0, {'product_id': product.id, 'product_uom_qty': 4, 'price_unit': 2500.0})]})
        order.action_confirm()
        self.assertEqual(sum(order.payment_plan_ids.mapped('amount')), 10000.0)
        self.assertTrue(order.payment_plan_ids.filtered(lambda p: p.trigger == 'sign').due_date)
        with self.assertRaisesRegex(UserError, 'payment plan'), self.cr.savepoint():
            order.action_invoice_create()
        picking = order.picking_ids
        picking.move_lines.write({'quantity_done': 4})
        picking.action_done()
        self.assertTrue(order.payment_plan_ids.filtered(lambda p: p.trigger == 'delivery').due_date,
                        'due on delivery once delivered')

    def test_delivery_instalment_counted_from_the_delivery_day_in_the_users_time_zone(self):
        order = self.env['sale.order'].create({
            'partner_id': self.customer.id, 'user_id': self.salesperson.id, 'team_id': self.team.id,
            'payment_plan_template_id': self.template.id,
            'order_line': [(0, 0, {'product_id': self._product().id, 'product_uom_qty': 1, 'price_unit': 100.0})]})
        order.action_confirm()
        picking = order.picking_ids
        picking.move_lines.write({'quantity_done': 1})
        picking.action_done()
        delivery = order.payment_plan_ids.filtered(lambda p: p.trigger == 'delivery')
        # delivered at 20:00 UTC: 04:00 the next morning in Shanghai, where the salesperson works
        delivery.write({'due_date': False})
        picking.date_done = '2026-12-01 20:00:00'
        self.salesperson.tz = 'Asia/Shanghai'
        picking.sudo(self.salesperson)._trigger_delivery_instalments()
        self.assertEqual(delivery.due_date, '2027-01-01', '30 days after 2 December')

    def test_delivery_of_the_contract_orders_makes_delivery_instalments_due(self):
        product = self._product(type='product')
        self.env['stock.quant']._update_available_quantity(
            product, self.env.ref('stock.stock_location_stock'), 10.0)
        order = self.env['sale.order'].create({
            'partner_id': self.customer.id, 'user_id': self.salesperson.id, 'team_id': self.team.id,
            'order_line': [(0, 0, {'product_id': product.id, 'product_uom_qty': 4, 'price_unit': 2500.0})]})
        order.action_confirm()
        contract = self.env['sale.contract'].browse(order.sudo(self.salesperson).action_create_contract()['res_id'])
        contract.write({'payment_plan_template_id': self.template.id})
        self._approve(contract)
        contract.sudo(self.salesperson).action_sign()
        delivery_instalment = contract.payment_plan_ids.filtered(lambda p: p.trigger == 'delivery')
        self.assertFalse(delivery_instalment.due_date)
        with self.assertRaisesRegex(UserError, 'payment plan'), self.cr.savepoint():
            order.action_invoice_create()
        picking = order.picking_ids
        picking.move_lines.write({'quantity_done': 4})
        picking.action_done()
        self.assertTrue(delivery_instalment.due_date, 'due 30 days after the delivery')
        self.assertFalse(contract.payment_plan_ids.filtered(lambda p: p.trigger == 'acceptance').due_date)
