import random
import threading
import time

from psycopg2.extensions import TransactionRollbackError

import odoo
from odoo import api
from odoo.exceptions import ValidationError
from odoo.tests.common import TransactionCase, at_install, post_install

SPENDERS = 5
RETRIES = 10   # as the RPC layer retries a request that hit a serialization failure


@at_install(False)
@post_install(True)
class TestLoyaltyConcurrency(TransactionCase):
    """Five transactions spend 30 of a customer's 100 points at the same instant: three succeed, two
    are refused, the balance ends at 10 and never goes below zero.

    The data is committed in its own cursor (the test's transaction is invisible to the others) and
    removed at the end.
    """

    def setUp(self):
        super().setUp()
        self.registry = odoo.registry(self.env.cr.dbname)
        with api.Environment.manage(), self.registry.cursor() as cr:
            env = api.Environment(cr, odoo.SUPERUSER_ID, {'lang': 'en_US'})
            partner = env['res.partner'].with_context(mail_create_nosubscribe=True).create({
                'name': '测试积分并发客户有限公司', 'is_company': True, 'customer': True})
            partner.award_loyalty_points(100, 'Opening balance')
            self.partner_id = partner.id

    def tearDown(self):
        with api.Environment.manage(), self.registry.cursor() as cr:
            env = api.Environment(cr, odoo.SUPERUSER_ID, {})
            partner = env['res.partner'].browse(self.partner_id)
            partner.loyalty_line_ids.unlink()
            partner.attribute_value_ids.unlink()
            partner.message_ids.unlink()
            partner.unlink()
        super().tearDown()

    def _spend(self, index, barrier, results):
        threading.current_thread().testing = True
        with api.Environment.manage():
            barrier.wait(timeout=60)
            for _attempt in range(RETRIES):
                cr = self.registry.cursor()
                try:
                    env = api.Environment(cr, odoo.SUPERUSER_ID, {'lang': 'en_US'})
                    env['res.partner'].browse(self.partner_id).award_loyalty_points(-30, 'Gift %s' % index)
                    cr.commit()
                    results.append(('spent', ''))
                    return
                except TransactionRollbackError:
                    cr.rollback()
                    time.sleep(random.uniform(0.05, 0.3))
                except ValidationError as error:
                    cr.rollback()
                    results.append(('refused', error.name))
                    return
                except Exception as error:   # anything else is a failure of the test, reported below
                    cr.rollback()
                    results.append(('error', repr(error)))
                    return
                finally:
                    cr.close()
            results.append(('error', 'still failing after %s tries' % RETRIES))

    def test_concurrent_spending_never_overdraws(self):
        barrier = threading.Barrier(SPENDERS)
        results = []
        threads = [threading.Thread(target=self._spend, args=(index, barrier, results)) for index in range(SPENDERS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        self.assertFalse([r for r in results if r[0] == 'error'], results)
        self.assertEqual(sorted(r[0] for r in results), ['refused'] * 2 + ['spent'] * 3)
        for kind, message in results:
            if kind == 'refused':
                self.assertIn('below zero', message)
        with api.Environment.manage(), self.registry.cursor() as cr:
            env = api.Environment(cr, odoo.SUPERUSER_ID, {})
            partner = env['res.partner'].browse(self.partner_id)
            self.assertEqual(partner.loyalty_points, 10)
            self.assertEqual(len(partner.loyalty_line_ids), 4)
            self.assertEqual(sorted(partner.loyalty_line_ids.mapped('balance_after')), [10, 40, 70, 100])
