from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import html_escape

from .sales_plan_line_split import METRICS_ALL

# Plans whose targets are in force: issued to the teams (or since carried out and closed).
PLANS_IN_FORCE = ('issued', 'executing', 'closed')
# Instalments count as "due soon" this many days ahead.
DUE_SOON_DAYS = 30


class SalesConsole(models.TransientModel):
    """The sales console (销售工作台): what the current user has to do and where he stands today.

    Every figure is searched as the user (never sudo), so it counts exactly the records his record rules let
    him read, and every block opens those same records. Scope "mine" counts his own records; "my team" (team
    leads only) counts the records of the teams he leads, their sub-teams and their members; "my company"
    (sales directors) counts every record of his current company, its company-wide and top teams' targets.
    """
    _name = 'sales.console'
    _description = 'Sales Console'
    _rec_name = 'user_id'

    user_id = fields.Many2one('res.users', 'User', default=lambda self: self.env.user, readonly=True)
    scope = fields.Selection([('mine', 'Mine'), ('team', 'My Team'), ('company', 'My Company')], required=True,
                             default='mine',
                             help='My team: the teams you lead, their sub-teams and members (team leads only). '
                                  'My company: everything of your current company (sales directors only).')
    is_leader = fields.Boolean('Leads a Team', compute='_compute_is_leader')
    is_director = fields.Boolean('Sales Director', compute='_compute_is_leader')
    currency_id = fields.Many2one('res.currency', compute='_compute_is_leader')
    activity_today_count = fields.Integer('Activities Today', compute='_compute_activities')
    activity_overdue_count = fields.Integer('Activities Overdue', compute='_compute_activities')
    review_count = fields.Integer('Reviews Pending', compute='_compute_approvals',
                                  help='Documents waiting for the approval (tier review) of the people in scope.')
    plan_approval_count = fields.Integer('Plans to Approve', compute='_compute_approvals',
                                         help='Submitted sales plans waiting for the people in scope.')
    pipeline_count = fields.Integer('Open Opportunities', compute='_compute_pipeline')
    pipeline_amount = fields.Monetary('Pipeline Amount', compute='_compute_pipeline')
    pipeline_weighted = fields.Monetary('Weighted Pipeline', compute='_compute_pipeline',
                                        help='Expected revenue times the probability of each opportunity.')
    pipeline_html = fields.Html('Pipeline by Stage', compute='_compute_pipeline', sanitize=False)
    target_month_count = fields.Integer('Targets this Month', compute='_compute_targets')
    target_year_count = fields.Integer('Targets this Year', compute='_compute_targets')
    target_html = fields.Html('Targets and Attainment', compute='_compute_targets', sanitize=False)
    instalment_due_count = fields.Integer('Instalments Due in 30 Days', compute='_compute_instalments')
    instalment_due_amount = fields.Monetary('Due in 30 Days', compute='_compute_instalments')
    instalment_overdue_count = fields.Integer('Instalments Overdue', compute='_compute_instalments')
    instalment_overdue_amount = fields.Monetary('Overdue Amount', compute='_compute_instalments')
    exception_count = fields.Integer('Open Exceptions', compute='_compute_exceptions')

    @api.model
    def action_open_console(self):
        """The menu entry: a fresh console of the current user (transient, so it is never stale)."""
        console = self.create({})
        return {
            'type': 'ir.actions.act_window',
            'name': _('Sales Console'),
            'res_model': self._name,
            'res_id': console.id,
            'view_mode': 'form',
            'views': [(self.env.ref('sales_team_mgmt.sales_console_view_form').id, 'form')],
            'target': 'current',
        }

    @api.model
    def create(self, vals):
        console = super(SalesConsole, self).create(vals)
        console._scope_users()  # refuses the team scope to who leads no team
        return console

    @api.multi
    def write(self, vals):
        result = super(SalesConsole, self).write(vals)
        if 'scope' in vals:
            for console in self:
                console._scope_users()
        return result

    @api.depends('scope')
    def _compute_is_leader(self):
        leader = bool(self.env.user.sales_led_team_ids())
        director = self.env.user.has_group('sales_team.group_sale_manager')
        for console in self:
            console.is_leader = leader or director
            console.is_director = director
            console.currency_id = self.env.user.company_id.currency_id

    # Scope ---------------------------------------------------------------------------------------------------

    def _is_company_scope(self):
        if self.scope != 'company':
            return False
        if not self.env.user.has_group('sales_team.group_sale_manager'):
            raise UserError(_('Only sales directors have a company console. Choose the scope "Mine".'))
        return True

    def _scope_teams(self):
        """The teams of the scope: none for "mine"; for "my team" those led by the user and their sub-teams;
        for "my company" all the teams of his company."""
        if self._is_company_scope():
            company = self.env.user.company_id
            return self.env['crm.team'].sudo().search(['|', ('company_id', '=', company.id),
                                                       ('company_id', '=', False)])
        if self.scope != 'team':
            return self.env['crm.team']
        team_ids = self.env.user.sales_led_team_ids()
        if not team_ids:
            raise UserError(_('Only team leads have a team console: you lead no sales team. '
                              'Choose the scope "Mine".'))
        return self.env['crm.team'].sudo().browse(team_ids)

    def _scope_users(self):
        if self._is_company_scope():
            return self.env['res.users'].sudo().search([('share', '=', False),
                                                        ('company_id', '=', self.env.user.company_id.id)])
        teams = self._scope_teams()
        if not teams:
            return self.env.user
        members = self.env['res.users'].sudo().search([('sale_team_id', 'in', teams.ids)])
        return self.env.user | teams.mapped('user_id') | teams.mapped('member_ids') | members

    def _owner_domain(self, user_field='user_id', team_field='team_id'):
        """Records of the scope on a model with a salesperson (and a team, and a company)."""
        if self._is_company_scope():
            return [('company_id', '=', self.env.user.company_id.id)]
        teams = self._scope_teams()
        if not teams:
            return [(user_field, '=', self.env.uid)]
        domain = [(user_field, 'in', self._scope_users().ids)]
        if team_field:
            domain = ['|', (team_field, 'in', teams.ids)] + domain
        return domain

    def _block_domains(self):
        """model and domain of each block, searched as the user for the figures and for the lists."""
        self.ensure_one()
        today = fields.Date.context_today(self)
        soon = fields.Date.to_string(fields.Date.from_string(today) + timedelta(days=DUE_SOON_DAYS))
        users = self._scope_users()
        owner = self._owner_domain()
        return {
            'activity_today': ('mail.activity', [('user_id', 'in', users.ids), ('date_deadline', '=', today)]),
            'activity_overdue': ('mail.activity', [('user_id', 'in', users.ids), ('date_deadline', '<', today)]),
            'review': ('tier.review', [('status', '=', 'pending'), ('reviewer_ids', 'in', users.ids)]),
            'plan_approval': ('sales.plan', [('state', '=', 'submitted')] + (
                [('company_id', '=', self.env.user.company_id.id)] if self._is_company_scope()
                else [('approver_id', 'in', users.ids)])),
            'pipeline': ('crm.lead', [('type', '=', 'opportunity'), ('probability', '<', 100)] + owner),
            'target_month': ('sales.plan.attainment', self._target_domain('month')),
            'target_year': ('sales.plan.attainment', self._target_domain('year')),
            'instalment_due': ('sale.payment.plan', [('payment_state', '!=', 'paid'), ('due_date', '>=', today),
                                                     ('due_date', '<=', soon)] + owner),
            'instalment_overdue': ('sale.payment.plan', [('is_overdue', '=', True)] + owner),
            'exception': ('crm.lead.exception', [('state', '=', 'open')] + owner),
        }

    def _target_domain(self, period):
        """Targets in force over this month (a month's period) or this year (the plan year, or a whole-year
        period). Mine: the user's own targets; my team: the targets of the top teams he leads, not of their
        people nor sub-teams, which they already contain."""
        today = fields.Date.from_string(fields.Date.context_today(self))
        if period == 'month':
            start = today.replace(day=1)
            end = (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        else:
            start, end = today.replace(month=1, day=1), today.replace(month=12, day=31)
        domain = [('plan_state', 'in', PLANS_IN_FORCE), ('date_start', '=', fields.Date.to_string(start)),
                  ('date_end', '=', fields.Date.to_string(end))]
        if self._is_company_scope():
            # the company's own targets and those of its top teams, not again those below
            return domain + [('company_id', '=', self.env.user.company_id.id), ('user_id', '=', False), '|',
                             ('team_id', '=', False), ('team_id.parent_id', '=', False)]
        teams = self._scope_teams()
        if not teams:
            return domain + [('user_id', '=', self.env.uid)]
        top = teams.filtered(lambda team: team.parent_id not in teams)
        return domain + [('team_id', 'in', top.ids), ('user_id', '=', False)]

    def _search(self, block):
        model, domain = self._block_domains()[block]
        return self.env[model].search(domain)

    def _count(self, block):
        model, domain = self._block_domains()[block]
        return self.env[model].search_count(domain)

    # Figures -------------------------------------------------------------------------------------------------

    @api.depends('scope')
    def _compute_activities(self):
        for console in self:
            console.activity_today_count = console._count('activity_today')
            console.activity_overdue_count = console._count('activity_overdue')

    @api.depends('scope')
    def _compute_approvals(self):
        for console in self:
            console.review_count = console._count('review')
            console.plan_approval_count = console._count('plan_approval')

    @api.depends('scope')
    def _compute_pipeline(self):
        for console in self:
            rows = console._pipeline_by_stage()
            console.pipeline_count = sum(row[0] for row in rows.values())
            console.pipeline_amount = sum(row[1] for row in rows.values())
            console.pipeline_weighted = sum(row[2] for row in rows.values())
            stages = sorted(rows, key=lambda stage: (stage.sequence, stage.id))
            console.pipeline_html = console._html_table(
                [_('Stage'), _('Opportunities'), _('Expected Revenue'), _('Weighted')],
                [[stage.name or _('No Stage'), rows[stage][0], console._money(rows[stage][1]),
                  console._money(rows[stage][2])] for stage in stages],
                _('No open opportunity.'))

    def _pipeline_by_stage(self):
        """{stage: [count, expected revenue, weighted]} of the open opportunities of the scope, summed in one
        query under the user's record rules: reading every opportunity would cost a query per thousand."""
        model, domain = self._block_domains()['pipeline']
        Lead = self.env[model]
        Lead.check_access_rights('read')
        query = Lead._where_calc(domain)
        Lead._apply_ir_rules(query, 'read')
        from_clause, where_clause, params = query.get_sql()
        self.env.cr.execute("""
            SELECT "crm_lead".stage_id, count(*), sum(coalesce("crm_lead".planned_revenue, 0)),
                   sum(coalesce("crm_lead".planned_revenue, 0) * coalesce("crm_lead".probability, 0) / 100.0)
              FROM %s WHERE %s GROUP BY "crm_lead".stage_id""" % (from_clause, where_clause or 'TRUE'), params)
        Stage = self.env['crm.stage']
        return {Stage.browse(stage_id): [count, amount or 0.0, weighted or 0.0]
                for stage_id, count, amount, weighted in self.env.cr.fetchall()}

    @api.depends('scope')
    def _compute_targets(self):
        metrics = dict(self.env['sales.plan.attainment']._fields['metric']._description_selection(self.env))
        for console in self:
            figures = {}
            for period in ('month', 'year'):
                model, domain = console._block_domains()['target_' + period]
                for group in self.env[model].read_group(domain, ['metric', 'target', 'actual'], ['metric']):
                    figures.setdefault(group['metric'], {})[period] = (group['target'], group['actual'])
            console.target_month_count = console._count('target_month')
            console.target_year_count = console._count('target_year')
            rows = []
            for metric in [key for key, _label in METRICS_ALL if key in figures]:
                row = [metrics[metric]]
                for period in ('month', 'year'):
                    target, actual = figures[metric].get(period, (0.0, 0.0))
                    progress = '%.1f%%' % (100.0 * actual / target) if target else '-'
                    row += [console._money(target), console._money(actual), progress]
                rows.append(row)
            console.target_html = console._html_table(
                [_('Metric'), _('Month Target'), _('Month Actual'), _('Month %'),
                 _('Year Target'), _('Year Actual'), _('Year %')], rows, _('No target in force.'))

    @api.depends('scope')
    def _compute_instalments(self):
        for console in self:
            due = console._search('instalment_due')
            overdue = console._search('instalment_overdue')
            console.instalment_due_count = len(due)
            # Read as superuser the instalments searched as the user: in the form's onchange (switching the
            # scope) Odoo 11 recomputes stored computed fields, and the outstanding amount of an invoiced
            # instalment comes from its payments (account.move), which salespeople and team leads may not read.
            console.instalment_due_amount = sum(due.sudo().mapped('amount_residual'))
            console.instalment_overdue_count = len(overdue)
            console.instalment_overdue_amount = sum(overdue.sudo().mapped('amount_residual'))

    @api.depends('scope')
    def _compute_exceptions(self):
        for console in self:
            console.exception_count = console._count('exception')

    def _money(self, amount):
        return '{:,.2f}'.format(amount or 0.0)

    @staticmethod
    def _html_table(headers, rows, empty):
        if not rows:
            return '<p class="text-muted">%s</p>' % html_escape(empty)
        head = ''.join('<th>%s</th>' % html_escape(title) for title in headers)
        body = ''.join('<tr>%s</tr>' % ''.join(
            '<td%s>%s</td>' % ('' if index == 0 else ' class="text-right"', html_escape(str(value)))
            for index, value in enumerate(row)) for row in rows)
        return '<table class="table table-condensed table-striped"><thead><tr>%s</tr></thead>' \
               '<tbody>%s</tbody></table>' % (head, body)

    # Buttons -------------------------------------------------------------------------------------------------

    def _open(self, block, name, view_mode='tree,form'):
        model, domain = self._block_domains()[block]
        return {
            'type': 'ir.actions.act_window',
            'name': name,
            'res_model': model,
            'view_mode': view_mode,
            'views': [(False, mode) for mode in view_mode.split(',')],
            'domain': domain,
            'context': {'create': False},
            'target': 'current',
        }

    @api.multi
    def action_refresh(self):
        """Reload the form (the figures are computed on reading)."""
        return True

    @api.multi
    def action_open_activity_today(self):
        return self._open('activity_today', _('Activities Today'))

    @api.multi
    def action_open_activity_overdue(self):
        return self._open('activity_overdue', _('Activities Overdue'))

    @api.multi
    def action_open_review(self):
        return self._open('review', _('Reviews Pending'), 'tree')

    @api.multi
    def action_open_plan_approval(self):
        return self._open('plan_approval', _('Plans to Approve'))

    @api.multi
    def action_open_pipeline(self):
        action = self._open('pipeline', _('Open Opportunities'), 'kanban,tree,form')
        action['context'] = dict(action['context'], group_by='stage_id')
        return action

    @api.multi
    def action_open_target_month(self):
        return self._open('target_month', _('Targets this Month'), 'tree,pivot')

    @api.multi
    def action_open_target_year(self):
        return self._open('target_year', _('Targets this Year'), 'tree,pivot')

    @api.multi
    def action_open_instalment_due(self):
        return self._open('instalment_due', _('Instalments Due in 30 Days'))

    @api.multi
    def action_open_instalment_overdue(self):
        return self._open('instalment_overdue', _('Instalments Overdue'))

    @api.multi
    def action_open_exception(self):
        return self._open('exception', _('Open Exceptions'))
