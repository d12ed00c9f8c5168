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
