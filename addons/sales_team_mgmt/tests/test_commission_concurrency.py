import threading
import time
import uuid

from psycopg2.extensions import TransactionRollbackError

import odoo
from odoo import api
from odoo.tests.common import TransactionCase, at_install, post_install
from odoo.tools import mute_logger


@at_install(False)
@post_install(True)
class TestCommissionLineOnce(TransactionCase):
    """The payment hook and the recompute insert the same commission source at the same instant, in two
    transactions: one line exists at the end. The rule is committed in its own cursor and removed at the end."""

    def setUp(self):
        super().setUp()
        self.registry = odoo.registry(self.env.cr.dbname)
        self.key = 'test-concurrency-%s' % uuid.uuid4().hex
        with api.Environment.manage(), self.registry.cursor() as cr:
            env = api.Environment(cr, odoo.SUPERUSER_ID, {})
            self.rule_id = env['sales.commission.rule'].create({'name': '测试并发提成', 'rate': 3.0,
                                                                'active': False}).id

    def tearDown(self):
        with api.Environment.manage(), self.registry.cursor() as cr:
            cr.execute('DELETE FROM sales_commission_line WHERE source_key = %s', [self.key])
            cr.execute('DELETE FROM sales_commission_rule WHERE id = %s', [self.rule_id])
        super().tearDown()

    def test_same_source_twice_at_once_gives_one_line(self):
        values = {'source_key': self.key, 'company_id': self.env.user.company_id.id, 'user_id': odoo.SUPERUSER_ID,
                  'rule_id': self.rule_id, 'date': '2026-11-20', 'collected_amount': 1000.0, 'base_amount': 1000.0}

        barrier = threading.Barrier(2)
        results = []

        def run():
            threading.current_thread().testing = True
            with api.Environment.manage():
                barrier.wait(timeout=60)
                # a serialization failure is retried, as the RPC layer retries the request
                for _attempt in range(10):
                    cr = self.registry.cursor()
                    try:
                        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
                        results.append(len(env['sales.commission.line']._insert_lines([values])))
                        cr.commit()
                        return
                    except TransactionRollbackError:
                        cr.rollback()
                        results.append('retry')
                        time.sleep(0.1)
                    finally:
                        cr.close()
        threads = [threading.Thread(target=run) for _i in range(2)]
        # the serialization failure of the loser is expected: Postgres logs it as a bad query
        with mute_logger('odoo.sql_db'):
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=120)
        # one transaction inserted the line, the other found it there (at once or after a retry)
        self.assertEqual(sorted(r for r in results if r != 'retry'), [0, 1], results)
        with api.Environment.manage(), self.registry.cursor() as cr:
            cr.execute('SELECT count(*) FROM sales_commission_line WHERE source_key = %s', [self.key])
            self.assertEqual(cr.fetchone()[0], 1)
