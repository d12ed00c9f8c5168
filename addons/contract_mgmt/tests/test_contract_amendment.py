from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.crm_lifecycle.tests.common import create_user

from .common import ContractCase


class TestContractAmendment(ContractCase):
    """Amendments (变更): approved through tiers (the director by default), applied to the signed contract,
    its payment plan rebalanced and the before/after kept in the contract's history."""

    def _amend(self, contract, user=None, **values):
        vals = {'contract_id': contract.id, 'reason': '客户追加采购数量'}
        vals.update(values)
        return self.env['sale.contract.amendment'].sudo(user or contract.user_id).create(vals)

    def _invoice(self, contract, *sequences):
        for plan in contract.payment_plan_ids.filtered(lambda p: p.sequence in sequences):
            plan.sudo(self.accountant).action_create_invoice()

    def test_new_amount_rebalances_the_instalments_not_invoiced(self):
        contract = self._signed_contract_with_plan()
        self._invoice(contract, 1)
        amendment = self._amend(contract, new_amount_manual=120000.0)
        self.assertEqual(amendment.name, '%s-变更1' % contract.name)
        self.assertEqual((amendment.old_amount, amendment.new_amount), (100000.0, 120000.0))
        amendment.sudo(self.salesperson).action_submit()
        self.assertEqual(amendment.state, 'waiting_approval')
        self.assertIn(self.manager, amendment.reviewer_ids, 'the sales director approves by default')
        self.assertTrue(amendment.activity_ids.filtered(lambda a: a.user_id == self.manager))
        amendment.sudo(self.manager).action_approve()
        self.assertEqual(amendment.state, 'applied', 'applied on approval')
        self.assertEqual(amendment.applied_user_id, self.manager)
        self.assertEqual(contract.amount_total, 120000.0)
        plans = contract.payment_plan_ids.sorted('sequence')
        self.assertEqual(plans.mapped('amount'), [30000.0, 64285.71, 25714.29],
                         'the invoiced instalment stays, the two others scale to the remaining 90,000')
        self.assertAlmostEqual(sum(plans.mapped('amount')), 120000.0, places=2)
        history = contract.amendment_history_ids
        amount_change = history.filtered(lambda h: h.change_kind == 'amount')
        self.assertEqual((amount_change.old_amount, amount_change.new_amount), (100000.0, 120000.0))
        self.assertIn('100,000.00', amount_change.old_value)
        self.assertIn('120,000.00', amount_change.new_value)
        plan_change = history.filtered(lambda h: h.change_kind == 'payment_plan')
        self.assertIn('50,000.00', plan_change.old_value)
        self.assertIn('64,285.71', plan_change.new_value)
        self.assertEqual(history.mapped('amendment_id'), amendment)
        second = self._amend(contract, new_amount_manual=125000.0)
        self.assertEqual(second.name, '%s-变更2' % contract.name, 'numbered per contract')

    def test_new_amount_below_invoiced_is_refused_and_nothing_changes(self):
        contract = self._signed_contract_with_plan()
        self._invoice(contract, 1, 2)
        amendment = self._amend(contract, new_amount_manual=70000.0)
        with self.assertRaisesRegex(UserError, 'cannot be lower than what is invoiced'), self.cr.savepoint():
            amendment.sudo(self.salesperson).action_submit()
        self.assertEqual(amendment.state, 'draft')
        # approved at 90,000 for later; the last instalment is invoiced meanwhile: applying is refused
        amendment.write({'new_amount_manual': 90000.0, 'apply_on_approval': False})
        amendment.sudo(self.salesperson).action_submit()
        amendment.sudo(self.manager).action_approve()
        self.assertEqual(amendment.state, 'approved')
        self._invoice(contract, 3)
        with self.assertRaisesRegex(UserError, 'cannot be lower than what is invoiced'), self.cr.savepoint():
            amendment.sudo(self.salesperson).action_apply()
        self.assertEqual((amendment.state, contract.amount_total), ('approved', 100000.0))
        self.assertEqual(contract.payment_plan_ids.sorted('sequence').mapped('amount'), [30000.0, 50000.0, 20000.0])
        self.assertFalse(contract.amendment_history_ids)

    def test_invoiced_meanwhile_approval_stands_but_nothing_is_applied(self):
        contract = self._signed_contract_with_plan()
        self._invoice(contract, 1, 2)
        amendment = self._amend(contract, new_amount_manual=85000.0)
        amendment.sudo(self.salesperson).action_submit()
        self._invoice(contract, 3)
        amendment.sudo(self.manager).action_approve()
        self.assertEqual(amendment.state, 'approved', 'approved, but 100,000 is invoiced now')
        self.assertEqual(contract.amount_total, 100000.0)
        self.assertTrue(any('not applied' in message.body for message in amendment.message_ids))

    def test_states_change_only_through_the_buttons(self):
        contract = self._signed_contract_with_plan()
        amendment = self._amend(contract, new_amount_manual=110000.0)
        for user in (self.salesperson, self.manager):
            for state in ('approved', 'applied', 'waiting_approval'):
                with self.assertRaises(UserError), self.cr.savepoint():
                    amendment.sudo(user).write({'state': state})
        with self.assertRaisesRegex(UserError, 'only an approved amendment'), self.cr.savepoint():
            amendment.sudo(self.manager).action_apply()
        amendment.sudo(self.salesperson).action_submit()
        with self.assertRaisesRegex(UserError, 'can no longer be edited'), self.cr.savepoint():
            amendment.sudo(self.salesperson).write({'new_amount_manual': 1.0})
        with self.assertRaises(UserError), self.cr.savepoint():
            amendment.sudo(self.salesperson).action_submit()
        self.assertEqual((amendment.state, amendment.new_amount_manual), ('waiting_approval', 110000.0))
        self.assertEqual(contract.amount_total, 100000.0)

    def test_only_signed_contracts_one_open_amendment_at_a_time(self):
        draft = self._draft_contract()
        with self.assertRaisesRegex(UserError, 'only a signed contract'), self.cr.savepoint():
            self._amend(draft, new_amount_manual=1.0)
        contract = self._signed_contract_with_plan()
        first = self._amend(contract, new_amount_manual=110000.0)
        with self.assertRaisesRegex(ValidationError, 'already has an open amendment'), self.cr.savepoint():
            self._amend(contract, new_amount_manual=120000.0)
        first.sudo(self.salesperson).action_cancel()
        self.assertEqual(first.state, 'cancelled')
        second = self._amend(contract, new_amount_manual=120000.0)
        self.assertEqual(second.name, '%s-变更2' % contract.name, 'a cancelled number is not reused')
        nothing = self._amend(self._signed_contract_with_plan())
        with self.assertRaisesRegex(UserError, 'changes nothing'), self.cr.savepoint():
            nothing.sudo(self.salesperson).action_submit()

    def test_nobody_approves_his_own_amendment(self):
        director = create_user(self.env, 'test_contract_director2', '测试总监', ['sales_team.group_sale_manager'])
        contract = self._draft_contract(user=self.manager)
        contract.sudo(self.manager).action_submit()
        contract.sudo(director).action_approve()
        contract.sudo(self.manager).action_sign()
        amendment = self._amend(contract, user=self.manager, new_amount_manual=110000.0)
        amendment.sudo(self.manager).action_submit()
        with self.assertRaisesRegex(UserError, 'own amendment'), self.cr.savepoint():
            amendment.sudo(self.manager).action_approve()
        with self.assertRaises(AccessError), self.cr.savepoint():
            amendment.review_ids.sudo(self.manager).write({'status': 'approved'})
        self.assertEqual(amendment.state, 'waiting_approval')
        amendment.sudo(director).action_approve()
        self.assertEqual((amendment.state, contract.amount_total), ('applied', 110000.0))

    def test_only_reviewers_decide(self):
        contract = self._signed_contract_with_plan()
        amendment = self._amend(contract, new_amount_manual=110000.0)
        amendment.sudo(self.salesperson).action_submit()
        for user in (self.salesperson, self.team_lead):
            with self.assertRaises(UserError), self.cr.savepoint():
                amendment.sudo(user).action_approve()
            with self.assertRaises(UserError), self.cr.savepoint():
                amendment.sudo(user).action_refuse()
        amendment.sudo(self.manager).action_refuse()
        self.assertEqual(amendment.state, 'refused')
        self.assertEqual(contract.amount_total, 100000.0)
        amendment.sudo(self.salesperson).action_reset_to_draft()
        amendment.sudo(self.salesperson).write({'new_amount_manual': 105000.0})
        amendment.sudo(self.salesperson).action_submit()
        amendment.sudo(self.manager).action_approve()
        self.assertEqual((amendment.state, contract.amount_total), ('applied', 105000.0))

    def test_line_changes_dates_and_terms_with_history(self):
        motor = self._product('测试伺服电机', 2500.0, 1800.0)
        cable = self._product('测试电缆', 100.0, 60.0)
        plc = self._product('测试PLC', 5000.0, 3500.0)
        contract = self._draft_contract(date_start='2026-01-01', date_end='2026-12-31', terms='<p>原条款</p>',
                                        line_ids=[
                                            (0, 0, {'product_id': motor.id, 'name': '伺服电机', 'product_uom_qty': 20,
                                                    'price_unit': 2500.0}),
                                            (0, 0, {'product_id': cable.id, 'name': '电缆', 'product_uom_qty': 100,
                                                    'price_unit': 100.0})],
                                        payment_plan_ids=[
                                            (0, 0, {'sequence': 1, 'name': '预付款', 'amount': 18000.0,
                                                    'trigger': 'date', 'due_date': '2026-01-10'}),
                                            (0, 0, {'sequence': 2, 'name': '尾款', 'amount': 42000.0,
                                                    'trigger': 'date', 'due_date': '2026-06-30'})])
        self._approve(contract)
        contract.sudo(self.salesperson).action_sign()
        motor_line = contract.line_ids.filtered(lambda l: l.product_id == motor)
        cable_line = contract.line_ids.filtered(lambda l: l.product_id == cable)
        amendment = self._amend(contract, new_date_end='2027-03-31', change_terms=True, new_terms='<p>新条款</p>',
                                line_ids=[
                                    (0, 0, {'change_type': 'modify', 'contract_line_id': motor_line.id,
                                            'product_uom_qty': 24, 'price_unit': 2400.0}),
                                    (0, 0, {'change_type': 'remove', 'contract_line_id': cable_line.id}),
                                    (0, 0, {'change_type': 'add', 'product_id': plc.id, 'name': 'PLC控制器',
                                            'product_uom_qty': 2, 'price_unit': 5000.0})])
        self.assertEqual(amendment.new_amount, 24 * 2400.0 + 2 * 5000.0)
        with self.assertRaisesRegex(UserError, 'has lines'), self.cr.savepoint():
            amendment.write({'new_amount_manual': 1.0})
            amendment.sudo(self.salesperson).action_submit()
        amendment.invalidate_cache()
        amendment.sudo(self.salesperson).action_submit()
        amendment.sudo(self.manager).action_approve()
        self.assertEqual(amendment.state, 'applied')
        self.assertEqual(contract.amount_total, 67600.0)
        self.assertEqual(sorted(contract.line_ids.mapped('product_id.name')), sorted(['测试伺服电机', '测试PLC']))
        self.assertEqual((motor_line.product_uom_qty, motor_line.price_unit), (24.0, 2400.0))
        self.assertEqual(contract.date_end, '2027-03-31')
        self.assertIn('新条款', contract.terms)
        self.assertEqual(contract.payment_plan_ids.sorted('sequence').mapped('amount'), [20280.0, 47320.0])
        history = {(h.change_kind, h.subject or ''): h for h in contract.amendment_history_ids}
        self.assertEqual(history[('date_end', '')].old_value, '2026-12-31')
        self.assertEqual(history[('date_end', '')].new_value, '2027-03-31')
        self.assertIn('原条款', history[('terms', '')].old_value)
        motor_change = history[('line', motor.display_name)]
        self.assertIn('20.0', motor_change.old_value)
        self.assertIn('24.0', motor_change.new_value)
        self.assertEqual(history[('line', cable.display_name)].new_value, 'Removed')
        self.assertFalse(history[('line', plc.display_name)].old_value)
        self.assertIn(('amount', ''), history)
        self.assertIn(('payment_plan', ''), history)

    def test_explicit_new_payment_plan(self):
        contract = self._signed_contract_with_plan()
        self._invoice(contract, 1)
        amendment = self._amend(contract, new_amount_manual=120000.0, plan_mode='explicit', plan_line_ids=[
            (0, 0, {'name': '二期款', 'amount': 60000.0, 'trigger': 'date', 'due_date': '2026-09-30'}),
            (0, 0, {'name': '验收款', 'amount': 20000.0, 'trigger': 'acceptance', 'days_after': 15})])
        with self.assertRaisesRegex(UserError, 'must add up'), self.cr.savepoint():
            amendment.sudo(self.salesperson).action_submit()
        amendment.plan_line_ids[0].amount = 70000.0
        self.env['sale.contract.acceptance'].sudo(self.salesperson).create({
            'contract_id': contract.id, 'date': '2026-08-01', 'percent': 50})
        amendment.sudo(self.salesperson).action_submit()
        amendment.sudo(self.manager).action_approve()
        plans = contract.payment_plan_ids.sorted(lambda p: (p.sequence, p.id))
        self.assertEqual(plans.mapped('name'), ['预付款', '二期款', '验收款'])
        self.assertEqual(plans.mapped('amount'), [30000.0, 70000.0, 20000.0])
        self.assertTrue(plans[0].invoice_id, 'the invoiced instalment stays')
        self.assertEqual(plans[2].due_date, '2026-08-16', 'accepted already: due 15 days after the acceptance')

    def test_forms_open_for_every_role(self):
        for user in (self.salesperson, self.team_lead, self.manager, self.accountant):
            for model in ('sale.contract', 'sale.contract.amendment', 'sale.contract.acceptance'):
                arch = self.env[model].sudo(user).fields_view_get(view_type='form')['arch']
                self.assertTrue(arch)
        contract_form = self.env['sale.contract'].sudo(self.salesperson).fields_view_get(view_type='form')['arch']
        self.assertIn('action_new_amendment', contract_form)
        self.assertIn('amendment_history_ids', contract_form)
        self.assertIn('delivered_percent', contract_form)

    def test_access_as_the_users(self):
        contract = self._signed_contract_with_plan()
        amendment = self._amend(contract, new_amount_manual=110000.0)
        with self.assertRaises(AccessError), self.cr.savepoint():
            amendment.sudo(self.colleague).read(['reason'])
        with self.assertRaises(AccessError), self.cr.savepoint():
            self._amend(contract, user=self.colleague, new_amount_manual=1.0)
        with self.assertRaises(AccessError), self.cr.savepoint():
            self._amend(contract, user=self.accountant, new_amount_manual=1.0)
        self.assertEqual(amendment.sudo(self.team_lead).reason, '客户追加采购数量')
        amendment.sudo(self.salesperson).action_submit()
        amendment.sudo(self.manager).action_approve()
        self.assertEqual(amendment.sudo(self.accountant).state, 'applied', 'accountants read amendments')
        self.assertTrue(contract.sudo(self.accountant).amendment_history_ids)
        with self.assertRaises(AccessError), self.cr.savepoint():
            amendment.sudo(self.accountant).write({'description': 'x'})
        with self.assertRaises(AccessError), self.cr.savepoint():
            contract.amendment_history_ids[:1].sudo(self.salesperson).write({'new_value': '篡改'})
