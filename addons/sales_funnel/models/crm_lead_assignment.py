import psycopg2

from odoo import _, api, fields, models
from odoo.exceptions import UserError


class CrmLead(models.Model):
    """Who owns an opportunity. Unassigned opportunities are claimed (领用) by salespeople under the
    company's cap of open opportunities per person, assigned by team leads (to their team) and sales
    managers, or handed over by their owner. A salesperson cannot set the owner to anyone else by any
    route, RPC included: ``create`` and ``write`` check it."""
    _inherit = 'crm.lead'

    user_id = fields.Many2one(track_visibility='onchange')

    # ------------------------------------------------------------------------------------------------
    # Rules
    # ------------------------------------------------------------------------------------------------
    def _is_lead_manager(self):
        user = self.env.user
        return user._is_superuser() or user.has_group('sales_team.group_sale_manager')

    @api.model
    def _team_members(self):
        """The members of the current team lead's teams (the teams he leads and his own), himself included."""
        teams = self.env['res.partner']._led_teams()
        return teams.mapped('member_ids') | teams.mapped('user_id') | self.env.user

    @api.model
    def _open_opportunity_count(self, user):
        return self.sudo().search_count([('user_id', '=', user.id), ('type', '=', 'opportunity'),
                                         ('probability', '<', 100)])

    @api.model
    def _check_claim_cap(self, user, adding):
        """Refuse giving ``adding`` more open opportunities to ``user`` beyond the company's cap."""
        cap = user.company_id.sudo().opportunity_claim_cap
        if not cap or adding <= 0:
            return
        held = self._open_opportunity_count(user)
        if held + adding > cap:
            raise UserError(_('%(user)s already holds %(held)d open opportunities; the limit is %(cap)d per '
                              'salesperson. Close or hand over some first.') % {
                                  'user': user.name, 'held': held, 'cap': cap})

    def _check_owner_change(self, new_owner, creating=0):
        """Refuse making ``new_owner`` the owner of these records (or of ``creating`` new ones) unless the
        current user may: called by create and write when the owner changes outside the methods below."""
        if self._is_lead_manager():
            return
        user = self.env.user
        changing = self.filtered(lambda lead: lead.user_id != new_owner)
        if not changing and not creating:
            return
        # the cap counts open opportunities; leads are not held against it
        count = len(changing.filtered(lambda lead: lead.type == 'opportunity')) + creating
        if user.has_group('sales_team.group_sale_salesman_all_leads'):
            if new_owner and new_owner not in self._team_members():
                raise UserError(_('%s is not a member of your sales team: you may only assign opportunities to '
                                  'your team members.') % new_owner.name)
            if new_owner:
                self._check_claim_cap(new_owner, count)
            return
        if new_owner == user and not changing.filtered('user_id'):
            self._check_claim_cap(user, count)  # taking unassigned ones (or creating one's own) is a claim
            return
        raise UserError(_('Only team leads and sales managers may give opportunities to someone else; claim '
                          'unassigned opportunities or hand yours over instead.'))

    @api.model
    def create(self, vals):
        owner = self.env['res.users'].browse(vals.get('user_id') or [])
        if owner and owner != self.env.user:
            self.browse()._check_owner_change(owner, creating=1)
        return super(CrmLead, self).create(vals)

    @api.multi
    def write(self, vals):
        if 'user_id' in vals:
            self._check_owner_change(self.env['res.users'].browse(vals['user_id'] or []))
        return super(CrmLead, self).write(vals)

    # ------------------------------------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------------------------------------
    @api.multi
    def action_claim(self):
        """领用: the current salesperson takes unassigned opportunities.

        One conditional ``UPDATE … WHERE user_id IS NULL`` per opportunity: of colleagues claiming the
        same one at the same instant exactly one wins; the others are told who has it."""
        user = self.env.user
        if not user.has_group('sales_team.group_sale_salesman'):
            raise UserError(_('Only salespeople may claim opportunities.'))
        leads = self.sudo()
        for lead in leads:
            if lead.user_id:
                raise UserError(_('%(lead)s is already assigned to %(owner)s.') % {
                    'lead': lead.display_name, 'owner': lead.user_id.name})
        self._check_claim_cap(user, len(leads))
        cr = self.env.cr
        for lead in leads:
            claimed = False
            try:
                with cr.savepoint():
                    cr.execute("UPDATE crm_lead SET user_id = %s, team_id = COALESCE(%s, team_id), date_open = %s, "
                               "write_uid = %s, write_date = now() AT TIME ZONE 'UTC' "
                               "WHERE id = %s AND user_id IS NULL",
                               [user.id, user.sale_team_id.id or None, fields.Datetime.now(), user.id, lead.id],
                               log_exceptions=False)
                    claimed = bool(cr.rowcount)
            except psycopg2.extensions.TransactionRollbackError:
                claimed = False
            lead.invalidate_cache(['user_id', 'team_id', 'date_open'], [lead.id])
            if not claimed:
                owner = self.env['res.users'].sudo().browse(self._current_owner_id(lead.id))
                raise UserError(_('%(lead)s was just claimed by %(owner)s.') % {
                    'lead': lead.display_name, 'owner': owner.name or _('a colleague')})
            lead.message_post(body=_('Claimed by %s.') % user.name, subtype='mail.mt_note')
        return True

    def _current_owner_id(self, lead_id):
        """The owner as committed by others, read in a fresh transaction (ours may predate their claim)."""
        with self.pool.cursor() as cr:
            cr.execute("SELECT user_id FROM crm_lead WHERE id = %s", [lead_id])
            row = cr.fetchone()
        return row[0] if row else None

    @api.multi
    def _set_owner(self, user, message, notify=True):
        """Make ``user`` the owner, after the caller checked that it may (assign, handover): the one place
        that writes the owner past the rule above, as the superuser (a context flag would travel over RPC,
        and a former owner no longer reads the opportunity once it is written). Logs ``message`` on each
        opportunity as the user who did it, addressed to the new owner when ``notify``."""
        author = self.env.user.partner_id
        values = {'user_id': user.id}
        if user.sale_team_id:
            values['team_id'] = user.sale_team_id.id
        leads = self.sudo()
        # no tracking line: it would be the superuser's; the note below says who changed what
        leads.with_context(tracking_disable=True).write(values)
        leads.message_subscribe_users(user_ids=user.ids)
        for lead in leads:
            lead.message_post(body=message, subtype='mail.mt_note', author_id=author.id,
                              partner_ids=user.partner_id.ids if notify else [])
