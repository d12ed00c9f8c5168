from odoo import _, api, fields, models
from odoo.exceptions import UserError

# plans whose targets are given to the salespeople (下达) and count for their commission
PLAN_STATES_IN_FORCE = ('issued', 'executing', 'closed')


class SalesCommissionStatement(models.Model):
    """A salesperson's commission for a period: the lines of the period, the commission by rule and tier
    against the target, and its workflow draft -> approved (sales director) -> paid (accounting).

    A draft counts the salesperson's lines of the period that no other statement holds; approving it attaches
    them (statement_id), so that an approved or paid statement keeps its lines and no line is paid twice."""
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
    line_ids = fields.One2many('sales.commission.line', 'statement_id', string='Attached Lines', readonly=True,
                               help='The lines of an approved or paid statement, attached when it was approved.')
    period_line_ids = fields.Many2many(
        'sales.commission.line', compute='_compute_period_lines', string='Lines',
        help='Draft: the salesperson\'s lines of the period not attached to another statement; approved or paid: '
             'the lines attached on approval.')
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

    def _targets(self):
        """{statement id: target}: the salesperson's collected-amount targets of the sales plans in force
        (issued, executing or closed) of the statement's company whose period lies within the statement's,
        each counted once (a target whose parent is also within the period counts through the parent);
        without any, the stand-in commission target (sales.commission.target) of exactly this period."""
        self.env.cr.execute("""
            WITH line AS (
                SELECT l.id, l.parent_id, l.user_id, l.target, p.company_id,
                       COALESCE(l.date_start, make_date(p.year, 1, 1)) AS date_start,
                       COALESCE(l.date_end, make_date(p.year, 12, 31)) AS date_end
                  FROM sales_plan_line l
                  JOIN sales_plan p ON p.id = l.plan_id AND p.state IN %(states)s
                 WHERE l.metric = 'collected_amount' AND l.user_id IN %(users)s
            ), within AS (
                SELECT s.id AS statement_id, line.id, line.parent_id, line.target
                  FROM sales_commission_statement s
                  JOIN line ON line.user_id = s.user_id AND line.company_id = s.company_id
                           AND line.date_start >= s.date_from AND line.date_end <= s.date_to
                 WHERE s.id IN %(ids)s
            )
            SELECT s.id, COALESCE(plan.target, stand_in.target, 0.0)
              FROM sales_commission_statement s
              LEFT JOIN (SELECT w.statement_id, SUM(w.target) AS target FROM within w
                          WHERE NOT EXISTS (SELECT 1 FROM within parent WHERE parent.statement_id = w.statement_id
                                                                         AND parent.id = w.parent_id)
                          GROUP BY w.statement_id) plan ON plan.statement_id = s.id
              LEFT JOIN sales_commission_target stand_in
                     ON stand_in.user_id = s.user_id AND stand_in.company_id = s.company_id
                    AND stand_in.date_from = s.date_from AND stand_in.date_to = s.date_to
             WHERE s.id IN %(ids)s""", {'states': PLAN_STATES_IN_FORCE, 'ids': tuple(self.ids),
                                        'users': tuple(self.mapped('user_id').ids)})
        return dict(self.env.cr.fetchall())

    def _bases(self):
        """{(statement id, rule id): base} of the statements' lines (a draft's: those of its period not
        attached to a statement), in one query."""
        self.env.cr.execute("""
            SELECT s.id, l.rule_id, SUM(l.base_amount)
              FROM sales_commission_statement s
              JOIN sales_commission_line l ON l.user_id = s.user_id AND l.company_id = s.company_id
                                          AND l.date BETWEEN s.date_from AND s.date_to AND l.statement_id IS NULL
             WHERE s.id IN %(ids)s AND s.state = 'draft'
             GROUP BY s.id, l.rule_id
            UNION ALL
            SELECT l.statement_id, l.rule_id, SUM(l.base_amount)
              FROM sales_commission_line l
             WHERE l.statement_id IN %(ids)s
             GROUP BY l.statement_id, l.rule_id""", {'ids': tuple(self.ids)})
        return {(statement_id, rule_id): base for statement_id, rule_id, base in self.env.cr.fetchall()}

    def _draft_line_domain(self):
        return [('user_id', '=', self.user_id.id), ('company_id', '=', self.company_id.id),
                ('date', '>=', self.date_from), ('date', '<=', self.date_to), ('statement_id', '=', False)]

    def _compute_period_lines(self):
        Line = self.env['sales.commission.line']
        for statement in self:
            if statement.state == 'draft' and statement.user_id and statement.date_from and statement.date_to:
                statement.period_line_ids = Line.search(statement._draft_line_domain())
            else:
                statement.period_line_ids = statement.line_ids

    def _amount_values(self):
        """{statement id: its target, base, attainment, commission and the commission by tier}, from two
        queries for all the statements."""
        saved = self.filtered(lambda statement: isinstance(statement.id, int))
        targets = saved._targets() if saved else {}
        bases = saved._bases() if saved else {}
        Rule = self.env['sales.commission.rule'].sudo()
        values = {}
        for statement in self:
            target = targets.get(statement.id, 0.0)
            total, summary, base = 0.0, [], 0.0
            for rule in Rule.browse(sorted({rule_id for (statement_id, rule_id) in bases
                                            if statement_id == statement.id})):
                rule_base = bases[statement.id, rule.id]
                amount, details = rule._commission(rule_base, target)
                total += amount
                base += rule_base
                for from_attainment, rate, part, commission in details:
                    summary.append(_('%s: from %.2f %% at %.2f %%: %.2f -> %.2f') % (
                        rule.name, from_attainment, rate, part, commission))
            values[statement.id] = {
                'target_amount': target, 'base_amount': base,
                'attainment': base / target * 100.0 if target else 0.0,
                'commission_amount': statement.currency_id.round(total) if statement.currency_id else total,
                'tier_summary': '\n'.join(summary)}
        return values

    @api.depends('line_ids.base_amount', 'line_ids.rule_id', 'user_id', 'date_from', 'date_to')
    def _compute_amounts(self):
        values = self._amount_values()
        for statement in self:
            statement.update(values[statement.id])

    @api.depends('state', 'commission_amount')
    def _compute_paid(self):
        for statement in self:
            statement.paid_amount = statement.commission_amount if statement.state == 'paid' else 0.0
            statement.pending_amount = statement.commission_amount - statement.paid_amount

    @api.multi
    def action_compute(self):
        """Recompute the lines of each period once (idempotently: what is recorded stays), then the amounts of
        all the statements together."""
        if self.filtered(lambda statement: statement.state != 'draft'):
            raise UserError(_('Only a draft statement can be recomputed.'))
        Line = self.env['sales.commission.line'].sudo()
        for company, date_from, date_to in {(s.company_id, s.date_from, s.date_to) for s in self}:
            Line.compute_period(date_from, date_to, company)
        self._recompute_amounts()
        return True

    def _recompute_amounts(self):
        """The stored amounts of all the statements, computed together and written by one UPDATE."""
        self.invalidate_cache(['line_ids', 'period_line_ids'])
        values = self.sudo()._amount_values()
        if not values:
            return
        rows = [(statement_id, vals['target_amount'], vals['base_amount'], vals['attainment'],
                 vals['commission_amount'], vals['tier_summary']) for statement_id, vals in values.items()]
        self.env.cr.execute("""
            UPDATE sales_commission_statement s
               SET target_amount = ROUND(v.target, 2), base_amount = ROUND(v.base, 2),
                   attainment = ROUND(v.attainment, 2),
                   commission_amount = v.commission, tier_summary = v.summary,
                   paid_amount = CASE WHEN s.state = 'paid' THEN v.commission ELSE 0 END,
                   pending_amount = CASE WHEN s.state = 'paid' THEN 0 ELSE v.commission END,
                   write_uid = %s, write_date = now() at time zone 'UTC'
              FROM (VALUES """ + ', '.join(['(%s, %s::numeric, %s::numeric, %s::numeric, %s::numeric, %s)'] * len(rows))
                            + """) v(id, target, base, attainment, commission, summary)
             WHERE s.id = v.id""", [self.env.uid] + [value for row in rows for value in row])
        self.invalidate_cache(['target_amount', 'base_amount', 'attainment', 'commission_amount', 'tier_summary',
                               'paid_amount', 'pending_amount'])

    def _attach_lines(self):
        """Attach the draft lines of the period to each statement (a line to the first statement covering it)."""
        self.env.cr.execute("""
            UPDATE sales_commission_line line SET statement_id = pick.statement_id
              FROM (SELECT DISTINCT ON (l.id) l.id, s.id AS statement_id
                      FROM sales_commission_statement s
                      JOIN sales_commission_line l
                        ON l.user_id = s.user_id AND l.company_id = s.company_id
                       AND l.date BETWEEN s.date_from AND s.date_to AND l.statement_id IS NULL
                     WHERE s.id IN %s
                     ORDER BY l.id, s.id) pick
             WHERE line.id = pick.id""", [tuple(self.ids)])
        self.env['sales.commission.line'].invalidate_cache(['statement_id'])

    @api.multi
    def action_approve(self):
        if not self.env.user.has_group('sales_team.group_sale_manager'):
            raise UserError(_('Only the sales director approves commission statements.'))
        for statement in self:
            if statement.state != 'draft':
                raise UserError(_('Only a draft statement can be approved.'))
        # the statement keeps the lines it is approved with, amounts as they stand with them
        self._attach_lines()
        self.sudo().with_context(commission_state_ok=True).write({'state': 'approved'})
        self._recompute_amounts()
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
        # back to draft, the lines are free again: the draft counts the period's lines as they are then
        self.env.cr.execute("UPDATE sales_commission_line SET statement_id = NULL WHERE statement_id IN %s",
                            [tuple(self.ids)])
        self.env['sales.commission.line'].invalidate_cache(['statement_id'])
        self.sudo().with_context(commission_state_ok=True).write({'state': 'draft'})
        self._recompute_amounts()
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
