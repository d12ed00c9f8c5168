from odoo import _, api, fields, models
from odoo.exceptions import UserError

# plans whose targets are given to the salespeople (下达) and count for their commission
PLAN_STATES_IN_FORCE = ('issued', 'executing', 'closed')


class SalesCommissionStatement(models.Model):
    """A salesperson's commission for a period: the lines of the period, the commission by rule and tier
    against the target, and its workflow draft -> approved (sales director) -> paid (accounting)."""
    _name = 'sales.commission.statement'
    _inherit = ['mail.thread']
    _description = 'Commission Statement'
    _order = 'date_from desc, user_id'

    name = fields.Char(compute='_compute_name', store=True)
    user_id = fields.Many2one('res.users', string='Salesperson', required=True, index=True, readonly=True,
                              states={'draft': [('readonly', False)]})
    team_id = fields.Many2one('crm.team', string='Sales Team', index=True, readonly=True,
                              states={'draft': [('readonly', False)]})
    company_id = fields.Many2one('res.company', string='Company', required=True, index=True, readonly=True,
                                 states={'draft': [('readonly', False)]},
                                 default=lambda self: self.env['res.company']._company_default_get(
                                     'sales.commission.statement'))
    date_from = fields.Date('From', required=True, readonly=True, states={'draft': [('readonly', False)]})
    date_to = fields.Date('To', required=True, readonly=True, states={'draft': [('readonly', False)]})
    line_ids = fields.One2many('sales.commission.line', 'statement_id', string='Lines', readonly=True)
    currency_id = fields.Many2one(related='company_id.currency_id', readonly=True)
    target_amount = fields.Monetary(
        'Target', compute='_compute_amounts', store=True,
        help='The salesperson\'s collected-amount targets of the sales plans in force within this '
             'period; without any, the commission target of exactly this period.')
    base_amount = fields.Monetary('Commission Base', compute='_compute_amounts', store=True)
    attainment = fields.Float('Attainment (%)', compute='_compute_amounts', store=True, digits=(16, 2))
    commission_amount = fields.Monetary('Commission', compute='_compute_amounts', store=True)
    tier_summary = fields.Text('By Tier', compute='_compute_amounts', store=True)
    paid_amount = fields.Monetary('Paid', compute='_compute_paid', store=True)
    pending_amount = fields.Monetary('Pending', compute='_compute_paid', store=True)
    state = fields.Selection([('draft', 'Draft'), ('approved', 'Approved'), ('paid', 'Paid')], default='draft',
                             required=True, readonly=True, index=True, track_visibility='onchange', copy=False)

    _sql_constraints = [('user_period_unique', 'unique (user_id, company_id, date_from, date_to)',
                         'A salesperson has one commission statement per period.')]

    @api.depends('user_id', 'date_from', 'date_to')
    def _compute_name(self):
        for statement in self:
            statement.name = '%s %s ~ %s' % (statement.user_id.name or '', statement.date_from or '',
                                             statement.date_to or '')

    def _plan_target(self):
        """The salesperson's collected-amount target from the sales plans in force (issued, executing or
        closed) of the statement's company: the person's targets whose period lies within the statement
        period, each counted once (a target whose parent is also within the period counts through the
        parent). None when the plans give the person no such target."""
        lines = self.env['sales.plan.line'].sudo().search([
            ('user_id', '=', self.user_id.id), ('metric', '=', 'collected_amount'),
            ('plan_id.company_id', '=', self.company_id.id), ('plan_id.state', 'in', PLAN_STATES_IN_FORCE)])

        def period(line):
            year = line.plan_id.year
            return line.date_start or '%04d-01-01' % year, line.date_end or '%04d-12-31' % year
        within = lines.filtered(lambda line: self.date_from <= period(line)[0] and
                                period(line)[1] <= self.date_to)
        counted = within.filtered(lambda line: line.parent_id not in within)
        return sum(counted.mapped('target')) if counted else None

    def _target(self):
        """The sales plan's target when it gives one for the period, the stand-in commission target
        (sales.commission.target of exactly this period) otherwise."""
        plan_target = self._plan_target()
        if plan_target is not None:
            return plan_target
        target = self.env['sales.commission.target'].sudo().search([
            ('user_id', '=', self.user_id.id), ('company_id', '=', self.company_id.id),
            ('date_from', '=', self.date_from), ('date_to', '=', self.date_to)], limit=1)
        return target.target

    @api.depends('line_ids.base_amount', 'line_ids.rule_id', 'user_id', 'date_from', 'date_to')
    def _compute_amounts(self):
        for statement in self:
            target = statement._target()
            total, summary, base = 0.0, [], 0.0
            lines = statement.line_ids.sudo()
            for rule in lines.mapped('rule_id'):
                rule_base = sum(lines.filtered(lambda l: l.rule_id == rule).mapped('base_amount'))
                amount, details = rule._commission(rule_base, target)
                total += amount
                base += rule_base
                for from_attainment, rate, part, commission in details:
                    summary.append(_('%s: from %.2f %% at %.2f %%: %.2f -> %.2f') % (
                        rule.name, from_attainment, rate, part, commission))
            statement.target_amount = target
            statement.base_amount = base
            statement.attainment = base / target * 100.0 if target else 0.0
            statement.commission_amount = statement.currency_id.round(total) if statement.currency_id else total
            statement.tier_summary = '\n'.join(summary)

    @api.depends('state', 'commission_amount')
    def _compute_paid(self):
        for statement in self:
            statement.paid_amount = statement.commission_amount if statement.state == 'paid' else 0.0
            statement.pending_amount = statement.commission_amount - statement.paid_amount

    @api.multi
    def action_compute(self):
        """Attach the period's lines of the salesperson (recomputing them first, idempotently)."""
        for statement in self:
            if statement.state != 'draft':
                raise UserError(_('Only a draft statement can be recomputed.'))
            Line = self.env['sales.commission.line'].sudo()
            Line.compute_period(statement.date_from, statement.date_to, statement.company_id)
            lines = Line.search([('user_id', '=', statement.user_id.id),
                                 ('company_id', '=', statement.company_id.id),
                                 ('date', '>=', statement.date_from), ('date', '<=', statement.date_to),
                                 '|', ('statement_id', '=', False), ('statement_id', '=', statement.id)])
            lines.write({'statement_id': statement.id})
            statement.sudo()._compute_amounts()
        return True

    @api.multi
    def action_approve(self):
        if not self.env.user.has_group('sales_team.group_sale_manager'):
            raise UserError(_('Only the sales director approves commission statements.'))
        for statement in self:
            if statement.state != 'draft':
                raise UserError(_('Only a draft statement can be approved.'))
        self.sudo().with_context(commission_state_ok=True).write({'state': 'approved'})
        return True

    @api.multi
    def action_mark_paid(self):
        if not self.env.user.has_group('account.group_account_invoice'):
            raise UserError(_('Only accounting marks commission statements as paid.'))
        for statement in self:
            if statement.state != 'approved':
                raise UserError(_('Only an approved statement can be marked as paid.'))
        self.sudo().with_context(commission_state_ok=True).write({'state': 'paid'})
        return True

    @api.multi
    def action_reset_draft(self):
        if not self.env.user.has_group('sales_team.group_sale_manager'):
            raise UserError(_('Only the sales director reopens commission statements.'))
        if self.filtered(lambda s: s.state != 'approved'):
            raise UserError(_('Only an approved, unpaid statement can be reset to draft.'))
        self.sudo().with_context(commission_state_ok=True).write({'state': 'draft'})
        return True

    @api.multi
    def write(self, vals):
        # the state moves only through the buttons, which check who may move it
        if 'state' in vals and not self.env.context.get('commission_state_ok'):
            raise UserError(_('Use the Approve and Mark as Paid buttons to change the state of a statement.'))
        if set(vals) - {'state'} - {f for f in vals if f.startswith('message_')} and \
                self.filtered(lambda s: s.state != 'draft') and not self.env.context.get('commission_state_ok'):
            raise UserError(_('An approved or paid statement cannot be changed.'))
        return super().write(vals)

    @api.multi
    def unlink(self):
        if self.filtered(lambda s: s.state != 'draft'):
            raise UserError(_('Only a draft statement can be deleted.'))
        return super().unlink()
