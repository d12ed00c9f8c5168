"""The server killed during the contracts' scheduled actions: the next run completes the work, once."""
from datetime import timedelta

from odoo import fields

from odoo.addons.contract_mgmt.models import sale_contract_alert, sale_payment_plan
from odoo.addons.crm_lifecycle.tests.common import killed_after_batch, rerun_in_batches

from .common import ContractCase


class TestContractCronFaults(ContractCase):

    @classmethod
    def setUpClass(cls):
        super(TestContractCronFaults, cls).setUpClass()
        cls.company = cls.env.user.company_id
        cls.company.write({'collection_user_id': cls.accountant.id, 'contract_alert_end_days': 30,
                           'instalment_alert_due_days': 7, 'approval_alert_days': 3, 'acceptance_alert_days': 7,
                           'overdue_escalation_days': 30})
        cls.Plan = cls.env['sale.payment.plan']
        cls.Alert = cls.env['sale.contract.alert']
        cls.today = fields.Date.from_string(fields.Date.context_today(cls.env.user))

    def _day(self, days):
        return fields.Date.to_string(self.today + timedelta(days=days))

    def test_invoicing_killed_after_first_batch(self):
        # the template's due instalments are invoiced first: the killed run then sees only ours
        self.Plan._cron_invoice_due_instalments()
        contracts = self._signed_contract_with_plan() | self._signed_contract_with_plan()
        due = contracts.mapped('payment_plan_ids').filtered(lambda plan: plan.due_date <= self._day(0)).sorted('id')
        self.assertEqual(len(due), 4, 'two instalments due on each contract, one in 2099')

        with killed_after_batch(self, sale_payment_plan, batch_size=2):
            self.Plan._cron_invoice_due_instalments()
        self.env.cache.invalidate()
        self.assertEqual([bool(plan.invoice_id) for plan in due], [True, True, False, False],
                         'the first batch is invoiced, the rest not yet')

        rerun_in_batches(sale_payment_plan, 2, self.Plan._cron_invoice_due_instalments)
        self.env.cache.invalidate()
        Invoice = self.env['account.invoice']
        for plan in due:
            invoices = Invoice.search([('payment_plan_id', '=', plan.id)])
            self.assertEqual(len(invoices), 1, 'each due instalment invoiced once')
            self.assertEqual((invoices.state, invoices.amount_total), ('open', plan.amount))
            self.assertEqual(plan.invoice_id, invoices)
        for contract in contracts:
            self.assertEqual(len(contract.invoice_ids), 2)
        self.assertFalse((contracts.mapped('payment_plan_ids') - due).mapped('invoice_id'), 'the 2099 one is not')

    def test_alerts_killed_after_first_batch(self):
        self.Alert._cron_create_alerts()
        contract = self._signed_contract_with_plan(plans=[
            (0, 0, {'sequence': 1, 'name': '预付款', 'amount': 30000.0, 'trigger': 'date', 'due_date': self._day(3)}),
            (0, 0, {'sequence': 2, 'name': '进度款', 'amount': 40000.0, 'trigger': 'date', 'due_date': self._day(-40)}),
            (0, 0, {'sequence': 3, 'name': '发货款', 'amount': 20000.0, 'trigger': 'date', 'due_date': self._day(-5)}),
            (0, 0, {'sequence': 4, 'name': '尾款', 'amount': 10000.0, 'trigger': 'date', 'due_date': self._day(200)}),
        ], date_end=self._day(10), acceptance_due_date=self._day(5))

        def alerts():
            return self.Alert.search([('contract_id', '=', contract.id)])

        def activities():
            return self.env['mail.activity'].search([('res_model', '=', 'sale.contract'),
                                                     ('res_id', '=', contract.id)])
        before = activities()

        def ours(env):
            return bool(self.Alert.search_count([('contract_id', '=', contract.id)]))

        # other companies' and the template's waiting approvals may commit batches first: killed after ours
        with killed_after_batch(self, sale_contract_alert, batch_size=1, kill_when=ours):
            self.Alert._cron_create_alerts()
        self.env.cache.invalidate()
        self.assertEqual(alerts().mapped('event'), ['contract_end'], 'the first batch: the contract ending')
        self.assertEqual(len(activities() - before), 1)

        rerun_in_batches(sale_contract_alert, 1, self.Alert._cron_create_alerts)
        self.env.cache.invalidate()
        found = alerts()
        # as one clean run (test_contract_alerts): nine alerts, each with its activity, none twice
        self.assertEqual(sorted((alert.event, alert.res_id, alert.user_id.login) for alert in found), sorted(
            [('contract_end', contract.id, self.salesperson.login),
             ('acceptance_due', contract.id, self.salesperson.login)]
            + [('instalment_due', plan.id, user.login) for plan in contract.payment_plan_ids
               if plan.name == '预付款' for user in (self.salesperson, self.accountant)]
            + [('instalment_overdue', plan.id, user.login) for plan in contract.payment_plan_ids
               if plan.name in ('进度款', '发货款') for user in (self.salesperson, self.accountant)]
            + [('instalment_escalation', plan.id, self.team_lead.login) for plan in contract.payment_plan_ids
               if plan.name == '进度款']))
        new_activities = activities() - before
        self.assertEqual(len(new_activities), 9)
        self.assertEqual(new_activities, found.mapped('activity_id'))
        self.Alert._cron_create_alerts()
        self.assertEqual(len(alerts()), 9, 'a third run adds nothing')
