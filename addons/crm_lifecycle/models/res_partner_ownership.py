import random
import socket
import time
from datetime import timedelta

from psycopg2.extensions import TransactionRollbackError

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import html_escape

# Set by the ownership actions on the writes they make, so that ``write()`` does not log a second
# history line. It grants nothing: the actions write as superuser after their own checks, and
# ``write()`` lets only sales managers and the superuser change an owner (a context flag can be
# sent over RPC, the superuser cannot).
OWNERSHIP_ACTION_KEY = 'crm_ownership_action'


class ResPartner(models.Model):
    """Owner of a customer and the public pool (公海).

    A customer is a company (``is_company``) marked ``customer``; its owner is ``user_id``. A customer
    without owner is in the public pool. The owner changes only through the actions below (claim,
    assign, transfer, release; the recall cron releases too), each writing a ``crm.customer.ownership``
    line and a chatter note. Sales managers may also change the field directly, which is logged too.
    """
    _inherit = 'res.partner'

    # Indexed: the owner is in every salesperson's record rule and list (a sequential scan at a million customers).
    user_id = fields.Many2one(index=True)
    # Joined, not searched first: record rules reach the customer through it (a contact's relatives, care
    # presets and logs), and without the join "the customer is in the pool" became a list of every pool
    # customer's id (250,000 at a million customers) on each read.
    commercial_partner_id = fields.Many2one(auto_join=True)
    pool_entered_date = fields.Datetime('In Pool Since', index=True, copy=False, readonly=True)
    pool_release_reason = fields.Text('Last Release Reason', copy=False, readonly=True)
    # Only sales roles may read the history: an accountant opening a customer must not hit its access rights.
    ownership_history_ids = fields.One2many(
        'crm.customer.ownership', 'partner_id', string='Ownership History', readonly=True,
        groups='sales_team.group_sale_salesman')
    ownership_history_count = fields.Integer(compute='_compute_ownership_history_count', string='Owner Changes',
                                             groups='sales_team.group_sale_salesman')
    in_public_pool = fields.Boolean(
        compute='_compute_in_public_pool', search='_search_in_public_pool', string='In Public Pool',
        help='A customer company without owner: any salesperson may claim it.')

    @api.depends('is_company', 'customer', 'user_id')
    def _compute_in_public_pool(self):
        for partner in self:
            partner.in_public_pool = partner._is_company_customer() and not partner.user_id

    def _search_in_public_pool(self, operator, value):
        pool = [('is_company', '=', True), ('customer', '=', True), ('user_id', '=', False)]
        if (operator == '=') == bool(value):
            return pool
        return ['|', '|', ('is_company', '=', False), ('customer', '=', False), ('user_id', '!=', False)]

    def _compute_ownership_history_count(self):
        counts = self.env['crm.customer.ownership'].read_group(
            [('partner_id', 'in', self.ids)], ['partner_id'], ['partner_id'])
        by_partner = {c['partner_id'][0]: c['partner_id_count'] for c in counts}
        for partner in self:
            partner.ownership_history_count = by_partner.get(partner.id, 0)

    # ------------------------------------------------------------------
    # Who may do what
    # ------------------------------------------------------------------
    def _is_company_customer(self, vals=None):
        """Whether this partner is (or, with ``vals`` written, will be) a customer company."""
        vals = vals or {}
        is_company = vals['is_company'] if 'is_company' in vals else self.is_company
        customer = vals['customer'] if 'customer' in vals else self.customer
        return bool(is_company and customer)

    def _is_ownership_manager(self):
        user = self.env.user
        return user._is_superuser() or user.has_group('sales_team.group_sale_manager')

    def _led_teams(self):
        """The sales teams of the current team lead: those he leads and his own."""
        user = self.env.user
        return self.env['crm.team'].sudo().search([('user_id', '=', user.id)]) | user.sudo().sale_team_id

    def _check_customer_companies(self):
        for partner in self:
            if not partner._is_company_customer():
                raise UserError(_('%s is not a customer company: only customer companies have an owner '
                                  'and can be in the public pool.') % partner.display_name)

    def _check_can_hand_over(self, target_user):
        """Assign and transfer: a team lead within his teams, a sales manager anywhere."""
        if len(target_user) != 1:
            raise UserError(_('Please choose the salesperson who will own the customer.'))
        if not target_user.has_group('sales_team.group_sale_salesman'):
            raise UserError(_('%s is not a salesperson: customers can only be given to salespeople.')
                            % target_user.name)
        if self._is_ownership_manager():
            return
        if not self.env.user.has_group('sales_team.group_sale_salesman_all_leads'):
            raise UserError(_('Only team leads and sales managers may assign or transfer customers.'))
        teams = self._led_teams()
        members = teams.mapped('member_ids') | teams.mapped('user_id')
        if target_user not in members:
            raise UserError(_('%s is not a member of your sales team: you may only give customers '
                              'to your team members.') % target_user.name)
        for partner in self.sudo():
            if not partner._is_of_teams(teams, members, pool_allowed=True):
                raise UserError(_('%s is not a customer of your sales team.') % partner.display_name)

    def _is_of_teams(self, teams, members, pool_allowed=False):
        self.ensure_one()
        if self.user_id:
            return self.user_id in members or self.team_id in teams
        return pool_allowed and (not self.team_id or self.team_id in teams)

    # ------------------------------------------------------------------
    # Actions (buttons, wizards, RPC, later modules)
    # ------------------------------------------------------------------
    @api.multi
    def action_claim(self):
        """The current salesperson takes customers from the public pool.

        The owner is set by one conditional ``UPDATE ... WHERE user_id IS NULL``: of many salespeople
        claiming the same customer at the same instant exactly one wins, the others get a message
        naming the winner, never a database error.
        """
        user = self.env.user
        if not user.has_group('sales_team.group_sale_salesman'):
            raise UserError(_('Only salespeople may claim customers from the public pool.'))
        # Read as superuser: a customer claimed a moment ago is no longer readable by the late claimers,
        # who must still be told who has it.
        partners = self.sudo()
        partners._check_customer_companies()
        companies = self.env['res.company'].sudo().search([('id', 'child_of', user.company_id.ids)])
        for partner in partners:
            # the pool of another company is not his (he does not see it: multi-company rule)
            if partner.company_id and partner.company_id not in companies:
                raise UserError(_('%(customer)s is a customer of %(company)s: you may claim customers of your '
                                  'current company only.') % {
                                      'customer': partner.display_name, 'company': partner.company_id.name})
            if partner.user_id:
                raise UserError(partner._already_owned_message(partner.user_id.name, user))
            partner._check_reclaim_cooldown(user)
            partner._claim_for(user)
            partner._log_ownership_change(False, user, 'claim', by_user=user)
        return True

    @api.multi
    def action_assign(self, user, reason=False):
        """Give customers of the public pool to ``user`` (team lead within his team, sales manager)."""
        self.sudo()._check_customer_companies()
        for partner in self.sudo():
            if partner.user_id:
                raise UserError(_('%(customer)s is owned by %(owner)s, not in the public pool: '
                                  'transfer it instead.') % {
                                      'customer': partner.display_name, 'owner': partner.user_id.name})
        self._check_can_hand_over(user)
        self.sudo()._change_owner(user, 'assign', reason, by_user=self.env.user)
        return True

    @api.multi
    def action_transfer(self, user, reason):
        """Move owned customers to another salesperson (team lead within his team, sales manager)."""
        self.sudo()._check_customer_companies()
        if not (reason or '').strip():
            raise UserError(_('Please give the reason of the transfer.'))
        for partner in self.sudo():
            if not partner.user_id:
                raise UserError(_('%s is in the public pool: assign it instead.') % partner.display_name)
            if partner.user_id == user:
                raise UserError(_('%(customer)s is already owned by %(owner)s.') % {
                    'customer': partner.display_name, 'owner': user.name})
        self._check_can_hand_over(user)
        self.sudo()._change_owner(user, 'transfer', reason, by_user=self.env.user)
        return True

    @api.multi
    def action_release(self, reason):
        """Return customers to the public pool: by their owner, his team lead or a sales manager."""
        self.sudo()._check_customer_companies()
        if not (reason or '').strip():
            raise UserError(_('Please give the reason for releasing the customer to the public pool.'))
        user = self.env.user
        is_manager = self._is_ownership_manager()
        is_lead = user.has_group('sales_team.group_sale_salesman_all_leads')
        teams = self._led_teams() if is_lead else self.env['crm.team']
        members = teams.mapped('member_ids') | teams.mapped('user_id')
        for partner in self.sudo():
            if not partner.user_id:
                raise UserError(_('%s is already in the public pool.') % partner.display_name)
            if not (is_manager or partner.user_id == user or (is_lead and partner._is_of_teams(teams, members))):
                raise UserError(_('Only the owner of %s, his team lead or a sales manager may release it '
                                  'to the public pool.') % partner.display_name)
        self.sudo()._change_owner(self.env['res.users'], 'release', reason, by_user=user)
        return True

    def _recall_to_pool(self, reason):
        """Recall customers to the pool (for the recall cron): no permission check, logged as recall.

        ``reason``: the text, or {customer id: text} when they differ. Set-based, as the cron recalls
        many thousands at a time: one statement moves the owned ones to the pool and writes their
        history lines, one more posts their chatter notes, with the values and texts that
        ``_change_owner`` and ``_log_ownership_change`` write one customer at a time. Returns the
        customers recalled.
        """
        if not self.ids:
            return self.browse()
        reasons = reason if isinstance(reason, dict) else dict.fromkeys(self.ids, reason)
        by_user = self.env.user
        now = fields.Datetime.now()
        columns = self._pool_entry_column_values(now)
        params = dict(columns, ids=list(reasons), reasons=[text or None for text in reasons.values()],
                      uid=by_user.id, now=now, company=by_user.company_id.id)
        assignments = ', '.join('%s = %%(%s)s' % (column, column) for column in columns)
        self.env.cr.execute("""
            WITH recall AS (
                SELECT partner.id, partner.user_id, recall.reason
                  FROM unnest(%(ids)s::int[], %(reasons)s::text[]) AS recall(id, reason)
                  JOIN res_partner partner ON partner.id = recall.id
                 WHERE partner.id = ANY(%(ids)s) AND partner.user_id IS NOT NULL
            ), recalled AS (
                UPDATE res_partner partner
                   SET user_id = NULL, pool_release_reason = recall.reason, {assignments},
                       write_uid = %(uid)s, write_date = %(now)s
                  FROM recall
                 WHERE partner.id = recall.id
             RETURNING partner.id, recall.user_id, recall.reason, partner.company_id, partner.display_name
            ), history AS (
                INSERT INTO crm_customer_ownership (partner_id, from_user_id, to_user_id, action, reason, user_id,
                                                    date, company_id, create_uid, create_date, write_uid, write_date)
                SELECT id, user_id, NULL, 'recall', reason, %(uid)s, %(now)s, COALESCE(company_id, %(company)s),
                       %(uid)s, %(now)s, %(uid)s, %(now)s
                  FROM recalled
            )
            SELECT recalled.id, recalled.display_name, owner.name, recalled.reason
              FROM recalled
              JOIN res_users owner_user ON owner_user.id = recalled.user_id
              JOIN res_partner owner ON owner.id = owner_user.partner_id
             ORDER BY recalled.id""".format(assignments=assignments), params)
        rows = self.env.cr.fetchall()
        recalled = self.browse([row[0] for row in rows])
        # the ORM did not write: forget what it read, recompute what depends on the owner
        written = ['user_id', 'pool_release_reason', 'write_uid', 'write_date'] + list(columns)
        recalled.invalidate_cache(written + ['ownership_history_ids', 'message_ids'], recalled.ids)
        recalled.modified(written)
        recalled.recompute()
        recalled._post_recall_notes(rows, by_user, now)
        return recalled

    def _pool_entry_column_values(self, now):
        """Columns (besides owner and reason) a customer's return to the pool writes, for the set-based recall."""
        return {'pool_entered_date': now}

    def _post_recall_notes(self, rows, by_user, now):
        """The chatter note of ``_log_ownership_change`` on each recalled customer, in one INSERT: the
        values ``message_post`` gives a note (no one is notified of notes).
        ``rows``: (customer id, its display name, the former owner's name, the reason)."""
        labels = dict(self.env['crm.customer.ownership']._fields['action']._description_selection(self.env))
        template = _('%(action)s: %(from)s → %(to)s')
        pool = _('Public Pool')
        email_from = self.env['mail.message']._get_default_from()
        reply_to = self.message_get_reply_to(self.ids, default=email_from)
        # Odoo's Message-ID of a note (tools.generate_tracking_message_id), without a system call per note
        message_id_format = '<%%.15f.%s-openerp-%%s-res.partner@%s>' % (time.time(), socket.gethostname())
        partner_ids = [row[0] for row in rows]
        bodies = []
        for partner_id, partner_name, owner_name, reason in rows:
            body = template % {'action': labels['recall'], 'from': owner_name, 'to': pool}
            if reason:
                body += ' — %s' % reason
            bodies.append('<p>%s</p>' % html_escape(body))
        self.env.cr.execute("""
            INSERT INTO mail_message (date, body, model, res_id, record_name, message_type, subtype_id, author_id,
                                      email_from, reply_to, message_id, no_auto_thread, parent_id,
                                      create_uid, create_date, write_uid, write_date)
            SELECT %(now)s, note.body, 'res.partner', note.res_id, note.record_name, 'notification', %(subtype)s,
                   %(author)s, %(email_from)s, note.reply_to, note.message_id, FALSE,
                   -- a flat thread: notes answer the first message of the customer (an e-mail first)
                   (SELECT first.id FROM mail_message first
                     WHERE first.model = 'res.partner' AND first.res_id = note.res_id
                     ORDER BY first.message_type = 'email' DESC, first.id LIMIT 1),
                   %(uid)s, %(now)s, %(uid)s, %(now)s
              FROM unnest(%(ids)s::int[], %(bodies)s::text[], %(names)s::text[], %(reply_tos)s::text[],
                          %(message_ids)s::text[]) AS note(res_id, body, record_name, reply_to, message_id)""", {
            'now': now, 'uid': by_user.id, 'author': by_user.partner_id.id, 'email_from': email_from,
            'subtype': self.env['ir.model.data'].xmlid_to_res_id('mail.mt_note'),
            'ids': partner_ids, 'bodies': bodies, 'names': [row[1] for row in rows],
            'reply_tos': [reply_to[partner_id] for partner_id in partner_ids],
            'message_ids': [message_id_format % (random.random(), partner_id) for partner_id in partner_ids],
        })

    # ------------------------------------------------------------------
    # Implementation
    # ------------------------------------------------------------------
    def _already_owned_message(self, owner_name, user):
        if owner_name == user.name:
            return _('You already own %s.') % self.display_name
        return _('%(customer)s has already been claimed by %(owner)s.') % {
            'customer': self.display_name, 'owner': owner_name}

    def _check_reclaim_cooldown(self, user):
        """Refuse a claim within the cooldown after the user's own release or recall of this customer."""
        self.ensure_one()
        days = (self.company_id or user.company_id).customer_reclaim_cooldown_days
        if not days:
            return
        now = fields.Datetime.from_string(fields.Datetime.now())
        last = self.env['crm.customer.ownership'].sudo().search([
            ('partner_id', '=', self.id),
            ('from_user_id', '=', user.id),
            ('action', 'in', ('release', 'recall')),
            ('date', '>', fields.Datetime.to_string(now - timedelta(days=days))),
        ], order='date desc', limit=1)
        if last:
            until = fields.Datetime.from_string(last.date) + timedelta(days=days)
            raise UserError(_('%(customer)s left you for the public pool less than %(days)s days ago: '
                              'you may claim it again from %(until)s.') % {
                                  'customer': self.display_name,
                                  'days': days,
                                  'until': fields.Datetime.context_timestamp(self, until).strftime('%Y-%m-%d %H:%M'),
                              })

    def _claim_for(self, user):
        """Make ``user`` the owner if, and only if, nobody owns the customer at that instant."""
        self.ensure_one()
        cr = self.env.cr
        fnames = ['user_id', 'team_id', 'pool_entered_date', 'write_uid', 'write_date', 'in_public_pool']
        claimed = False
        try:
            with cr.savepoint():
                # Odoo runs transactions in REPEATABLE READ: a claim racing a committed one fails with a
                # serialization error (caught below); one that starts after it matches no row.
                cr.execute("""
                    UPDATE res_partner
                       SET user_id = %s, team_id = COALESCE(%s, team_id), pool_entered_date = NULL,
                           write_uid = %s, write_date = (now() AT TIME ZONE 'UTC')
                     WHERE id = %s AND user_id IS NULL
                 RETURNING id""", (user.id, user.sale_team_id.id or None, user.id, self.id), log_exceptions=False)
                claimed = bool(cr.fetchone())
                if claimed:
                    self.invalidate_cache(fnames, self.ids)
                    self._check_category_holding_cap()
        except TransactionRollbackError:
            claimed = False
        finally:
            self.invalidate_cache(fnames, self.ids)
        if not claimed:
            raise UserError(self._already_owned_message(self._committed_owner_name(), user))
        self.modified(['user_id', 'team_id', 'pool_entered_date'])
        self.recompute()

    def _committed_owner_name(self):
        """The owner as committed by the winning claim, which this transaction's snapshot cannot see."""
        with self.pool.cursor() as cr:
            cr.execute("""
                SELECT owner.name FROM res_partner customer
                  JOIN res_users u ON u.id = customer.user_id
                  JOIN res_partner owner ON owner.id = u.partner_id
                 WHERE customer.id = %s""", (self.id,))
            row = cr.fetchone()
        return row[0] if row else _('another salesperson')

    def _change_owner(self, new_user, action, reason=False, by_user=None):
        """Write the new owner (or none: to the pool) as superuser, then log it. Callers checked the rights."""
        now = fields.Datetime.now()
        for partner in self:
            old_user = partner.user_id
            vals = {'user_id': new_user.id or False}
            if new_user:
                vals['pool_entered_date'] = False
                if new_user.sale_team_id:
                    vals['team_id'] = new_user.sale_team_id.id
            else:
                vals.update(pool_entered_date=now, pool_release_reason=reason)
            partner.sudo().with_context(**{OWNERSHIP_ACTION_KEY: True}).write(vals)
            partner._log_ownership_change(old_user, new_user, action, reason, by_user=by_user)

    def _log_ownership_change(self, from_user, to_user, action, reason=False, by_user=None):
        """One history line and one chatter note per change of owner, done by ``by_user`` (default: current user)."""
        self.ensure_one()
        by_user = by_user or self.env.user
        self.env['crm.customer.ownership'].sudo().create({
            'partner_id': self.id,
            'from_user_id': from_user.id if from_user else False,
            'to_user_id': to_user.id if to_user else False,
            'action': action,
            'reason': reason or False,
            'user_id': by_user.id,
            'company_id': (self.company_id or by_user.company_id).id,
        })
        labels = dict(self.env['crm.customer.ownership']._fields['action']._description_selection(self.env))
        body = _('%(action)s: %(from)s → %(to)s') % {
            'action': labels[action],
            'from': from_user.name if from_user else _('Public Pool'),
            'to': to_user.name if to_user else _('Public Pool'),
        }
        if reason:
            body += ' — %s' % reason
        self.sudo().message_post(body=body, subtype='mail.mt_note', author_id=by_user.partner_id.id)

    # ------------------------------------------------------------------
    # The rule on every route: only the actions (or a sales manager) change an owner
    # ------------------------------------------------------------------
    @api.model
    def create(self, vals):
        context = self.env.context
        owner_id = vals.get('user_id', context.get('default_user_id'))
        is_company = vals.get('is_company', context.get('default_is_company', False))
        customer = vals.get('customer', context.get('default_customer', True))
        if is_company and customer and owner_id and owner_id != self.env.uid and not self._is_ownership_manager():
            raise UserError(_('You may create a customer for yourself or for the public pool, '
                              'not for %s: a team lead or sales manager assigns customers.')
                            % self.env['res.users'].sudo().browse(owner_id).name)
        if is_company and not owner_id:
            vals.setdefault('pool_entered_date', fields.Datetime.now())
        return super(ResPartner, self).create(vals)

    @api.multi
    def write(self, vals):
        if 'user_id' not in vals and not {'is_company', 'customer'} & set(vals):
            return super(ResPartner, self).write(vals)
        new_owner_id = vals['user_id'] if 'user_id' in vals else None
        changed = self.browse()
        for partner in self:
            if not partner._is_company_customer(vals):
                continue
            if new_owner_id is not None and partner.user_id.id != (new_owner_id or False):
                changed |= partner
            elif not partner._is_company_customer() and partner.user_id \
                    and partner.user_id != self.env.user:
                # becoming a customer company that someone else owns: a change of owner too
                changed |= partner
        if changed and not self._is_ownership_manager():
            raise UserError(_('You cannot change the owner of %s directly: claim it from the public pool, '
                              'release it, or ask your team lead or sales manager to assign or transfer it.')
                            % ', '.join(changed.mapped('display_name')))
        old_owners = {partner.id: partner.user_id for partner in changed}
        result = super(ResPartner, self).write(vals)
        if changed and not self.env.context.get(OWNERSHIP_ACTION_KEY):
            changed._log_direct_owner_change(old_owners)
        return result

    def _log_direct_owner_change(self, old_owners):
        """A sales manager (or an import, a data file) set the owner field itself: log it like an action."""
        for partner in self:
            old_user, new_user = old_owners[partner.id], partner.user_id
            if old_user == new_user:
                continue
            if not new_user:
                action = 'release'
                super(ResPartner, partner).write({'pool_entered_date': fields.Datetime.now()})
            else:
                action = 'transfer' if old_user else 'assign'
                if partner.pool_entered_date:
                    super(ResPartner, partner).write({'pool_entered_date': False})
            partner._log_ownership_change(old_user, new_user, action, _('Owner changed on the customer form'))
