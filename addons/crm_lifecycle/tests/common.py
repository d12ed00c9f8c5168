def create_user(env, login, name, group_xmlids, **values):
    """Create an internal user for a test, acting as a real role.

    The user is an employee (``base.group_user``) with the groups given by xml id, and has an
    email, which mail needs as the sender of chatter messages. ``values`` override or add fields
    (e.g. ``company_id``).
    """
    groups = env['res.groups'].browse([env.ref(xmlid).id for xmlid in ['base.group_user'] + list(group_xmlids)])
    user_values = {
        'name': name,
        'login': login,
        'email': '%s@example.cn' % login,
        'groups_id': [(6, 0, groups.ids)],
    }
    user_values.update(values)
    return env['res.users'].with_context(no_reset_password=True, mail_create_nolog=True).create(user_values)


def call_in_parallel(registry, user_ids, call):
    """Run ``call(env)`` at the same instant as each of ``user_ids``, each in his own transaction
    (committed when it succeeds). Returns one ``(outcome, user_id, message)`` per user: 'won',
    'refused' (a UserError, its message) or 'error' (anything else, which a test reports as a failure).
    The data the calls use must be committed beforehand."""
    import threading
    from odoo import api
    from odoo.exceptions import UserError
    barrier = threading.Barrier(len(user_ids))
    results = []

    def run(user_id):
        threading.current_thread().testing = True   # no mail leaves a test, in any thread
        with api.Environment.manage():
            cr = registry.cursor()
            try:
                env = api.Environment(cr, user_id, {'mail_notify_force_send': False})
                barrier.wait(timeout=60)
                call(env)
                cr.commit()
                results.append(('won', user_id, ''))
            except UserError as error:
                cr.rollback()
                results.append(('refused', user_id, error.name))
            except Exception as error:   # anything else is a failure of the test
                cr.rollback()
                results.append(('error', user_id, repr(error)))
            finally:
                cr.close()
    threads = [threading.Thread(target=run, args=(user_id,)) for user_id in user_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


class CronKilled(Exception):
    """Stands for the server killed during a scheduled action, right after one of its batches was committed."""


class killed_after_batch(object):
    """Run a scheduled action as if the server died right after its ``kill_at``-th committed batch.

    ``cron_module`` is the Python module of the cron, where it imported ``commit_batch`` and ``BATCH_SIZE``:
    both are patched there (``BATCH_SIZE`` to ``batch_size``), and the ``kill_at``-th commit raises
    CronKilled (or the first commit from then on after which ``kill_when(env)`` is true), a plain Python
    exception (not a database one, which would abort the test's transaction). The test transaction then
    holds what the committed batches wrote: what a restarted server finds.
    Use as ``with killed_after_batch(self, module, 2): model._cron_x()``; it swallows CronKilled, and
    fails the test when the action never reached that commit (it does not commit in batches).
    """

    def __init__(self, test, cron_module, batch_size=1, kill_at=1, kill_when=None):
        self.test = test
        self.cron_module = cron_module
        self.batch_size = batch_size
        self.kill_at = kill_at
        self.kill_when = kill_when
        self.commits = 0
        self.patches = []

    def _commit_then_die(self, env):
        self.commits += 1
        env.cache.invalidate()
        # kill_when(env): die at the first commit after which it is true (the test's own data reached)
        if self.commits >= self.kill_at and (self.kill_when is None or self.kill_when(env)):
            raise CronKilled()

    def __enter__(self):
        from unittest.mock import patch
        self.patches = [patch.object(self.cron_module, 'commit_batch', self._commit_then_die)]
        if hasattr(self.cron_module, 'BATCH_SIZE'):   # some batch by another unit (a company...)
            self.patches.append(patch.object(self.cron_module, 'BATCH_SIZE', self.batch_size))
        for one_patch in self.patches:
            one_patch.start()
        return self

    def __exit__(self, exc_type, exc_value, traceback):
        for one_patch in reversed(self.patches):
            one_patch.stop()
        if exc_type is None:
            self.test.fail('the scheduled action ended without reaching its commit %d: not killed, it does not '
                           'commit in batches of %d' % (self.kill_at, self.batch_size))
        if exc_type is CronKilled:
            return True
        return False


def rerun_in_batches(cron_module, batch_size, call):
    """Run the cron again, as the restarted server does, with the same small batches (commits as in tests)."""
    from unittest.mock import patch
    with patch.object(cron_module, 'BATCH_SIZE', batch_size):
        return call()
