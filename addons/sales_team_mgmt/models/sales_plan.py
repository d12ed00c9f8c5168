from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare
from odoo.tools.misc import formatLang
# Uninstalling the module deletes its demo and data records whatever their state.
from odoo.addons.crm_lifecycle.models.trusted_context import is_module_uninstall

TEAM_LEAD = 'sales_team.group_sale_salesman_all_leads'
SALE_MANAGER = 'sales_team.group_sale_manager'


class SalesPlan(models.Model):
    """A yearly sales plan: targets per team and salesperson that roll up to the department's."""
    _name = 'sales.plan'
    _inherit = ['mail.thread', 'mail.activity.mixin', 'crm.state.machine.mixin']
    _description = 'Sales Plan'
    _order = 'year desc, id desc'

    # Legal state changes {from: {to: group required}}, enforced by crm.state.machine.mixin.
    _STATE_TRANSITIONS = {
        'draft': {'submitted': TEAM_LEAD},
        'submitted': {'approved': SALE_MANAGER, 'draft': SALE_MANAGER},
        'approved': {'issued': SALE_MANAGER},
        'issued': {'executing': TEAM_LEAD},
        'executing': {'closed': SALE_MANAGER},
        'closed': {},
    }
    # Only a draft plan can be changed; afterwards only its state, chatter and activities move.
    _WRITABLE_AFTER_DRAFT = ('state',)

    name = fields.Char(required=True, track_visibility='onchange', states={'draft': [('readonly', False)]},
                       readonly=True)
    year = fields.Integer(required=True, default=lambda self: fields.Date.from_string(
        fields.Date.context_today(self)).year, readonly=True, states={'draft': [('readonly', False)]})
    company_id = fields.Many2one(
        'res.company', required=True, index=True, readonly=True, states={'draft': [('readonly', False)]},
        default=lambda self: self.env['res.company']._company_default_get('sales.plan'))
    user_id = fields.Many2one('res.users', string='Owner', index=True, track_visibility='onchange',
                              default=lambda self: self.env.user, readonly=True,
                              states={'draft': [('readonly', False)]})
    line_ids = fields.One2many('sales.plan.line', 'plan_id', string='Targets', copy=True, readonly=True,
                               states={'draft': [('readonly', False)]})
    note = fields.Text(readonly=True, states={'draft': [('readonly', False)]})
    state = fields.Selection([
        ('draft', 'Draft'),
        ('submitted', 'Submitted'),
        ('approved', 'Approved'),
        ('issued', 'Issued'),
        ('executing', 'Executing'),
        ('closed', 'Closed'),
    ], default='draft', required=True, readonly=True, copy=False, index=True, track_visibility='onchange')

    _sql_constraints = [
        ('year_valid', 'CHECK(year BETWEEN 2000 AND 2100)', 'The plan year must be between 2000 and 2100.'),
    ]

    # ------------------------------------------------------------------ roll-up

    @api.multi
    def _rollup_problems(self):
        """Lines whose target differs from the sum of their sub-lines, as readable sentences."""
        problems = []
        for line in self.mapped('line_ids').filtered('child_ids'):
            children_total = sum(line.child_ids.mapped('target'))
            if float_compare(line.target, children_total, precision_digits=2):
                problems.append(_(
                    '%(line)s (%(metric)s): target %(target)s, sub-lines total %(children)s, '
                    'difference %(difference)s') % {
                        'line': line.display_name,
                        'metric': line._metric_label(),
                        'target': formatLang(self.env, line.target),
                        'children': formatLang(self.env, children_total),
                        'difference': formatLang(self.env, line.target - children_total),
                })
        return problems

    @api.multi
    def _check_rollup(self):
        """Every line with sub-lines must equal their sum (same metric); raise naming each line that does not."""
        problems = self._rollup_problems()
        if problems:
            raise UserError(_('The plan does not add up:\n%s') % '\n'.join(problems))
        return True

    # ------------------------------------------------------------------ ORM

    @api.model
    def create(self, vals):
        if vals.get('state', 'draft') != 'draft':
            raise UserError(_('A sales plan is always created as a draft.'))
        return super(SalesPlan, self).create(vals)

    @api.multi
    def write(self, vals):
        if any(not self._is_writable_after_draft(name) for name in vals):
            self._check_draft()
        return super(SalesPlan, self).write(vals)

    @api.multi
    def unlink(self):
        if not is_module_uninstall(self.env):
            self._check_draft()
        return super(SalesPlan, self).unlink()

    @api.model
    def _is_writable_after_draft(self, field_name):
        return field_name in self._WRITABLE_AFTER_DRAFT or field_name.startswith(('message_', 'activity_'))

    @api.multi
    def _check_draft(self):
        for plan in self:
            if plan.state != 'draft':
                raise UserError(_('Sales plan %s is no longer a draft and cannot be changed; '
                                  'a manager can send it back to draft while it is submitted.') % plan.name)

    # ------------------------------------------------------------------ state machine

    def _check_state_requirements(self, new_state, vals):
        if new_state == 'submitted':
            if not self.line_ids:
                raise UserError(_('Sales plan %s has no targets.') % self.name)
            self._check_rollup()
        return super(SalesPlan, self)._check_state_requirements(new_state, vals)

    @api.multi
    def action_submit(self):
        return self._move_to('submitted')

    @api.multi
    def action_approve(self):
        return self._move_to('approved')

    @api.multi
    def action_refuse(self):
        return self._move_to('draft')

    @api.multi
    def action_issue(self):
        return self._move_to('issued')

    @api.multi
    def action_start(self):
        return self._move_to('executing')

    @api.multi
    def action_close(self):
        return self._move_to('closed')
