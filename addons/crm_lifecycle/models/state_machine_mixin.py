from odoo import _, api, models
from odoo.exceptions import UserError


class StateMachineMixin(models.AbstractModel):
    """One table of legal state changes per document, enforced in ``write()``.

    Business documents of the suite (contracts, return requests, sales plans, ...) move through
    states with buttons, but a kanban drag and drop or an RPC ``write({'state': ...})`` changes the
    state just as well. Checking the move in ``write()`` against a single table makes buttons,
    drag and drop and RPC obey the same rules, with the same messages.

    A model using it (``_inherit = ['mail.thread', 'mail.activity.mixin', 'crm.state.machine.mixin']``)
    has a ``state`` selection field and:

    * ``_STATE_TRANSITIONS = {from_state: {to_state: group xmlid required, or None}}``; a state
      missing from the table, or mapped to ``{}``, is final;
    * overrides ``_check_state_requirements(new_state, vals)`` for what its own moves need
      (a sign date, a reason, lines, ...);
    * moves with ``_move_to(new_state, **values_written_with_it)`` from its buttons.
    """
    _name = 'crm.state.machine.mixin'
    _description = 'Document State Machine'

    _STATE_TRANSITIONS = {}

    @api.multi
    def write(self, vals):
        if 'state' in vals:
            # Rewriting the current state is not a move: leave it alone.
            self.filtered(lambda record: record.state != vals['state'])._check_state_transition(
                vals['state'], vals)
        return super(StateMachineMixin, self).write(vals)

    def _state_label(self, state):
        """The translated label of a state, as the user sees it."""
        return dict(self._fields['state']._description_selection(self.env))[state]

    def _state_document_label(self):
        """The translated name of the document type, e.g. "Sales Contract"."""
        return self.env['ir.model'].sudo()._get(self._name).name

    @api.multi
    def _check_state_transition(self, new_state, vals=None):
        """Refuse a move the table does not allow, or allows only to another group, then ask the model.

        ``vals`` are the values written together with the new state, so that a requirement
        (e.g. a reason) given in the same write counts.
        """
        vals = vals or {}
        user = self.env.user
        for record in self:
            labels = {
                'document': record._state_document_label(),
                'name': record.display_name,
                'from': record._state_label(record.state),
                'to': record._state_label(new_state),
            }
            allowed = record._STATE_TRANSITIONS.get(record.state, {})
            if new_state not in allowed:
                raise UserError(_('%(document)s %(name)s cannot go from "%(from)s" to "%(to)s".') % labels)
            group_xmlid = allowed[new_state]
            if group_xmlid and not (user._is_superuser() or user.has_group(group_xmlid)):
                labels['group'] = self.env.ref(group_xmlid).sudo().full_name
                raise UserError(_('You are not allowed to move %(document)s %(name)s from "%(from)s" to "%(to)s": '
                                  'only members of "%(group)s" may do that.') % labels)
            record._check_state_requirements(new_state, vals)

    def _check_state_requirements(self, new_state, vals):
        """Hook: raise ``UserError`` when this one record (``self``) lacks what ``new_state`` needs.

        Called after the table and the group allowed the move; ``vals`` are the values written
        with the state. Nothing is required by default.
        """
        return True

    @api.multi
    def _move_to(self, new_state, **extra_values):
        """Move to ``new_state``, writing ``extra_values`` with it (what buttons call)."""
        # Checked here too, so that a button on a record already in that state is refused, not ignored.
        self._check_state_transition(new_state, extra_values)
        extra_values['state'] = new_state
        return self.write(extra_values)
