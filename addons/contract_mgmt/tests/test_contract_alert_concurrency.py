from datetime import date, timedelta

import odoo
from odoo import api, fields
from odoo.addons.base.ir.ir_model import MODULE_UNINSTALL_FLAG
from odoo.tests.common import TransactionCase, at_install, post_install

from odoo.addons.crm_lifecycle.tests.common import call_in_parallel


@at_install(False)
@post_install(True)
class TestContractAlertConcurrency(TransactionCase):
    """Two runs of the alerts at the same instant, each in its own transaction, on committed data (the demo
    and a signed contract with 20 overdue instalments): every event is alerted once. Post-install: the other
    transactions see committed data only. What the test made is removed at the end."""

    def setUp(self):
        super(TestContractAlertConcurrency, self).setUp()
        self.registry = odoo.registry(self.env.cr.dbname)
        self.addCleanup(self._remove_alerts)
        with api.Environment.manage(), self.registry.cursor() as cr:
            env = api.Environment(cr, odoo.SUPERUSER_ID, {})
            customer = env['res.partner'].create({'name': '测试并发客户有限公司', 'is_company': True, 'customer': True})
            self.customer_id = customer.id
            contract = env['sale.contract'].create({
                'title': '测试并发合同', 'partner_id': customer.id, 'amount_total': 20000.0,
                'payment_plan_ids': [(0, 0, {
                    'sequence': i, 'name': '第%s期' % i, 'amount': 1000.0, 'trigger': 'date',
                    'due_date': fields.Date.to_string(date.today() - timedelta(days=i))}) for i in range(1, 21)]})
            contract.action_submit()
            contract.action_approve()
            contract.action_sign()
            self.contract_id = contract.id

    def _remove_alerts(self):
        with api.Environment.manage(), self.registry.cursor() as cr:
            env = api.Environment(cr, odoo.SUPERUSER_ID, {})
            alerts = env['sale.contract.alert'].search([])
            alerts.mapped('activity_id').unlink()
            alerts.unlink()
            # a signed contract is deleted only the way a module uninstall does
            env['sale.contract'].with_context(**{MODULE_UNINSTALL_FLAG: True}).browse(self.contract_id).unlink()
            env['res.partner'].browse(self.customer_id).unlink()

    def _count(self):
        with api.Environment.manage(), self.registry.cursor() as cr:
            cr.execute("""SELECT count(*), count(DISTINCT activity_id),
                                 (SELECT count(*) FROM mail_activity WHERE activity_type_id IN (
                                     SELECT res_id FROM ir_model_data WHERE module = 'contract_mgmt'
                                        AND name LIKE 'mail_activity_type_alert_%%'))
                            FROM sale_contract_alert""")
            return cr.fetchone()

    def test_two_runs_at_once_alert_each_event_once(self):
        self.assertEqual(self._count(), (0, 0, 0))
        results = call_in_parallel(self.registry, [odoo.SUPERUSER_ID, odoo.SUPERUSER_ID],
                                   lambda env: env['sale.contract.alert']._cron_create_alerts())
        self.assertEqual(sorted(outcome for outcome, _uid, _message in results), ['won', 'won'], results)
        alerts, activities, typed_activities = self._count()
        self.assertGreaterEqual(alerts, 20, 'the 20 overdue instalments at least')
        self.assertEqual(activities, alerts, 'one activity per alert')
        self.assertEqual(typed_activities, alerts, 'and no activity without its alert')
        # and a third run, later, adds nothing
        call_in_parallel(self.registry, [odoo.SUPERUSER_ID],
                         lambda env: env['sale.contract.alert']._cron_create_alerts())
        self.assertEqual(self._count(), (alerts, activities, typed_activities))
