"""Counts for smart buttons, taken as the user: he counts only the records his access rules let him read."""


def readable_counts(model, field, ids):
    """{id: number of ``model`` records whose many2one ``field`` is that id} for ``ids``; empty when the user
    may not read ``model`` at all, so the button shows 0 instead of failing."""
    if not ids or not model.check_access_rights('read', raise_exception=False):
        return {}
    groups = model.read_group([(field, 'in', list(ids))], [field], [field])
    return {group[field][0]: group['%s_count' % field] for group in groups}
