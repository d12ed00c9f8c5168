from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import html_escape, plaintext2html

from .crm_lead_collaborator import COLLABORATOR_ROLES


class CrmLead(models.Model):
    """Sharing (共享) an opportunity with colleagues of the collaboration team, and its handover (移交) to
    another salesperson. Both are methods, so that a button, a wizard and RPC meet the same rules."""
    _inherit = 'crm.lead'

    user_can_edit = fields.Boolean('Editable by Me', compute='_compute_user_can_edit',
                                   help='Whether the current user may change this opportunity (shows Share and '
                                        'Hand Over).')
    handover_ids = fields.One2many('crm.lead.handover', 'lead_id', string='Handovers', readonly=True)
    handover_count = fields.Integer('Handover Count', compute='_compute_handover_count')

    def _compute_user_can_edit(self):
        if not self.check_access_rights('write', raise_exception=False):
            self.update({'user_can_edit': False})
            return
        for lead in self:
            try:
                lead.check_access_rule('write')
                lead.user_can_edit = True
            except AccessError:
                lead.user_can_edit = False

    @api.depends('handover_ids')
    def _compute_handover_count(self):
        for lead in self:
            lead.handover_count = len(lead.handover_ids)

    def _check_writable_by_user(self, message):
        """Raise ``message`` (with %s the opportunity) unless the current user may change every one of self;
        an opportunity he does not even see raises the usual AccessError."""
        for lead in self:
            lead.check_access_rights('read')
            lead.check_access_rule('read')
            try:
                lead.check_access_rights('write')
                lead.check_access_rule('write')
            except AccessError:
                raise UserError(message % lead.display_name)

    # ------------------------------------------------------------------------------------------------
    # Sharing
    # ------------------------------------------------------------------------------------------------
    @api.multi
    def action_share(self, users, role='presales', note=False):
        """Put ``users`` on the collaboration team with ``role``: they read the opportunity and log on it,
        follow it, and are told in a message addressed to them. Colleagues already on the team (and the
        owner) are skipped. Only who may change the opportunity may share it. Returns the new collaborators."""
        self._check_writable_by_user(_('Only who may change %s (its owner, his team lead or a sales manager) may '
                                       'share it.'))
        if role not in dict(COLLABORATOR_ROLES):
            raise UserError(_('Choose the role of the colleagues on the collaboration team.'))
        users = users.sudo()
        if not users:
            raise UserError(_('Choose the colleagues to share the opportunity with.'))
        for user in users:
            if user.share or not user.active:
                raise UserError(_('%s is not an active internal user: opportunities are shared with colleagues '
                                  'only.') % user.name)
            if not user.has_group('sales_team.group_sale_salesman'):
                raise UserError(_('%s has no access to opportunities (Sales rights): ask an administrator to grant '
                                  'them before sharing.') % user.name)
        Collaborator = self.env['crm.lead.collaborator']
        role_label = dict(Collaborator._fields['role']._description_selection(self.env))[role]
        created = Collaborator
        for lead in self:
            for user in users:
                if lead.company_id and lead.company_id not in user.company_ids:
                    raise UserError(_('%(user)s does not work for %(company)s: %(lead)s cannot be shared with '
                                      'him.') % {'user': user.name, 'company': lead.company_id.name,
                                                 'lead': lead.display_name})
            new_users = users - lead.sudo().collaborator_ids.mapped('user_id') - lead.sudo().user_id
            lead_created = Collaborator
            for user in new_users:
                lead_created |= Collaborator.create({'lead_id': lead.id, 'user_id': user.id, 'role': role,
                                                     'note': note or False})
            if not new_users:
                continue
            created |= lead_created
            body = _('%(by)s shared this opportunity with %(users)s as %(role)s.') % {
                'by': html_escape(self.env.user.name), 'users': html_escape(', '.join(new_users.mapped('name'))),
                'role': html_escape(role_label)}
            if note:
                body += plaintext2html(note)
            lead.message_post(body=body, partner_ids=new_users.mapped('partner_id').ids,
                              message_type='comment', subtype='mail.mt_note')
        return created

    # ------------------------------------------------------------------------------------------------
    # Handover
    # ------------------------------------------------------------------------------------------------
    def _check_handover(self, to_user, note):
        """Refuse the handover of self to ``to_user`` unless: a note is given; the current user owns the
        opportunity, leads its team (and gives it within his team) or is a sales manager; ``to_user`` is an
        active salesperson of the opportunity's company and not its owner already; he stays under the cap."""
        if not (note or '').strip():
            raise UserError(_('Please write a handover note: what the new salesperson needs to know to take '
                              'over.'))
        if len(to_user) != 1:
            raise UserError(_('Choose the salesperson who takes over.'))
        self._check_writable_by_user(_('Only the owner of %s, his team lead or a sales manager may hand it over.'))
        user = self.env.user
        to_user = to_user.sudo()
        if to_user.share or not to_user.active or not to_user.has_group('sales_team.group_sale_salesman'):
            raise UserError(_('%s is not an active salesperson: opportunities are handed over to salespeople '
                              'only.') % to_user.name)
        is_manager = self._is_lead_manager()
        is_team_lead = user.has_group('sales_team.group_sale_salesman_all_leads')
        teams = self.env['res.partner']._led_teams() if is_team_lead else self.env['crm.team']
        members = self._team_members() if is_team_lead else self.env['res.users']
        for lead in self.sudo():
            if not lead.user_id:
                raise UserError(_('%s has no owner: claim it or have it assigned instead.') % lead.display_name)
            if lead.user_id == to_user:
                raise UserError(_('%(lead)s is already owned by %(user)s.') % {
                    'lead': lead.display_name, 'user': to_user.name})
            if lead.company_id and lead.company_id not in to_user.company_ids:
                raise UserError(_('%(user)s does not work for %(company)s, the company of %(lead)s.') % {
                    'user': to_user.name, 'company': lead.company_id.name, 'lead': lead.display_name})
            if is_manager or lead.user_id == user:
                continue
            if not (is_team_lead and (lead.team_id in teams or lead.user_id in members)):
                raise UserError(_('Only the owner of %s, his team lead or a sales manager may hand it over.')
                                % lead.display_name)
            if to_user not in members:
                raise UserError(_('%s is not a member of your sales team: you may only hand opportunities over '
                                  'within your team.') % to_user.name)
        self._check_claim_cap(to_user, len(self.sudo().filtered(
            lambda lead: lead.type == 'opportunity' and lead.probability < 100)))

    @api.multi
    def action_handover(self, to_user, note):
        """移交: give the opportunities to ``to_user`` with a mandatory ``note``. Logged in the handover log
        and on the chatter, the former and the new owner are notified, the new owner gets a to-do to take
        over. Refused as a whole (nothing changes) when any rule of ``_check_handover`` fails."""
        self._check_handover(to_user, note)
        to_user = to_user.sudo()
        by_user = self.env.user
        todo = self.env.ref('mail.mail_activity_data_todo')
        lead_model = self.env['ir.model']._get(self._name)
        for lead in self:
            from_user = lead.sudo().user_id
            values = {'lead': html_escape(lead.display_name), 'from': html_escape(from_user.name),
                      'to': html_escape(to_user.name), 'by': html_escape(by_user.name)}
            # Written while the current user still has the opportunity: the former owner loses it below.
            lead.message_post(
                body=_('Handover of %(lead)s from %(from)s to %(to)s by %(by)s.') % values + plaintext2html(note),
                partner_ids=(from_user.partner_id | to_user.partner_id).ids,
                message_type='comment', subtype='mail.mt_note')
            self.env['mail.activity'].create({
                'res_model_id': lead_model.id,
                'res_id': lead.id,
                'activity_type_id': todo.id,
                'summary': _('Take over %s') % lead.display_name,
                'note': plaintext2html(note),
                'user_id': to_user.id,
                'date_deadline': fields.Date.context_today(self),
            })
            self.env['crm.lead.handover'].sudo().create({
                'lead_id': lead.id, 'from_user_id': from_user.id, 'to_user_id': to_user.id,
                'note': note.strip(), 'done_by_id': by_user.id, 'date': fields.Datetime.now()})
            # both were notified above; the checks are done
            lead._set_owner(to_user, _('Handed over from %(from)s to %(to)s by %(by)s.') % values, notify=False)
        return True
