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
