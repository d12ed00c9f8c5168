import random
import threading
import time

from psycopg2.extensions import TransactionRollbackError

import odoo
from odoo import api
from odoo.exceptions import UserError
from odoo.tests.common import TransactionCase, at_install, post_install

RETRIES = 10   # as the RPC layer retries a request that hit a serialization failure


@at_install(False)
@post_install(True)
class TestInstalmentInvoicedOnce(TransactionCase):
    """A user clicks "Invoice" on an instalment while the scheduled action invoices the same instalment, in
    two transactions at the same instant: one invoice exists at the end, and the other side is told it is
    already invoiced (or finds nothing left to do).

    The data is committed in its own cursor (the test's transaction is invisible to the others) and removed
    at the end."""

    def setUp(self):
        super().setUp()
        self.registry = odoo.registry(self.env.cr.dbname)
        with api.Environment.manage(), self.registry.cursor() as cr:
            env = api.Environment(cr, odoo.SUPERUSER_ID, {'lang': 'en_US', 'tracking_disable': True})
            env.ref('contract_mgmt.tier_contract_director').active = False
            partner = env['res.partner'].create({'name': '测试并发开票客户有限公司', 'is_company': True,
                                                 'customer': True})
            contract = env['sale.contract'].create({
                'title': '并发开票测试合同', 'partner_id': partner.id, 'amount_total': 50000.0,
                'payment_plan_ids': [(0, 0, {'name': '全款', 'amount': 50000.0, 'trigger': 'date',
                                             'due_date': '2026-01-01'})]})
            contract.action_submit()
            contract.action_approve()
            contract.action_sign()
            env.ref('contract_mgmt.tier_contract_director').active = True
            self.partner_id, self.contract_id = partner.id, contract.id
            self.plan_id = contract.payment_plan_ids.id

    def tearDown(self):
        with api.Environment.manage(), self.registry.cursor() as cr:
            env = api.Environment(cr, odoo.SUPERUSER_ID, {})
            invoices = env['account.invoice'].search([('partner_id', '=', self.partner_id)])
            moves = invoices.mapped('move_id')
            # validated invoices are never deleted by users; the test removes its own data directly
            if invoices:
                cr.execute('DELETE FROM account_invoice WHERE id IN %s', [tuple(invoices.ids)])
            if moves:
                cr.execute('DELETE FROM account_move_line WHERE move_id IN %s', [tuple(moves.ids)])
                cr.execute('DELETE FROM account_move WHERE id IN %s', [tuple(moves.ids)])
            for model, ids in (('account.invoice', invoices.ids), ('sale.contract', [self.contract_id])):
                if ids:
                    cr.execute('DELETE FROM mail_message WHERE model = %s AND res_id IN %s', [model, tuple(ids)])
                    cr.execute('DELETE FROM mail_followers WHERE res_model = %s AND res_id IN %s', [model, tuple(ids)])
            cr.execute('DELETE FROM sale_contract WHERE id = %s', [self.contract_id])
            env['mail.message'].search([('model', '=', 'res.partner'), ('res_id', '=', self.partner_id)]).unlink()
            cr.execute('DELETE FROM res_partner WHERE id = %s', [self.partner_id])
        super().tearDown()

    def _run(self, name, call, barrier, results):
        threading.current_thread().testing = True
        with api.Environment.manage():
            barrier.wait(timeout=60)
            for _attempt in range(RETRIES):
                cr = self.registry.cursor()
                try:
                    env = api.Environment(cr, odoo.SUPERUSER_ID, {'lang': 'en_US'})
                    call(env)
                    cr.commit()
                    results.append((name, 'done', ''))
                    return
                except TransactionRollbackError:
                    cr.rollback()
                    time.sleep(random.uniform(0.05, 0.3))
                except UserError as error:
                    cr.rollback()
                    results.append((name, 'refused', error.name))
                    return
                except Exception as error:   # anything else is a failure of the test, reported below
                    cr.rollback()
                    results.append((name, 'error', repr(error)))
                    return
                finally:
                    cr.close()
            results.append((name, 'error', 'still failing after %s tries' % RETRIES))

    def test_button_and_cron_at_the_same_instant(self):
        barrier = threading.Barrier(2)
        results = []
        calls = {
            'button': lambda env: env['sale.payment.plan'].browse(self.plan_id).action_create_invoice(),
            'cron': lambda env: env['sale.payment.plan']._cron_invoice_due_instalments(),
        }
        threads = [threading.Thread(target=self._run, args=(name, call, barrier, results))
                   for name, call in calls.items()]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        self.assertFalse([r for r in results if r[1] == 'error'], results)
        with api.Environment.manage(), self.registry.cursor() as cr:
            env = api.Environment(cr, odoo.SUPERUSER_ID, {})
            invoices = env['account.invoice'].search([('payment_plan_id', '=', self.plan_id)])
            self.assertEqual(len(invoices), 1, 'one invoice for the instalment, whoever came second')
            self.assertEqual(env['sale.payment.plan'].browse(self.plan_id).invoice_id, invoices)
        refused = [r for r in results if r[1] == 'refused']
        for _name, _outcome, message in refused:
            self.assertIn('already invoiced', message)
