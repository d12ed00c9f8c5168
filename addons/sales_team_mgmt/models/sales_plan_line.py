from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
# Uninstalling the module deletes its demo and data records whatever their state.
from odoo.addons.crm_lifecycle.models.trusted_context import is_module_uninstall

METRICS = [
    ('signed_amount', 'Signed Amount'),
    ('invoiced_amount', 'Invoiced Amount'),
    ('collected_amount', 'Collected Amount'),
    ('new_customers', 'New Customers'),
]


class SalesPlanLine(models.Model):
    """A target of a sales plan for a team or salesperson; sub-lines split it further down."""
    _name = 'sales.plan.line'
    _description = 'Sales Plan Target'
    _order = 'plan_id, sequence, id'

    plan_id = fields.Many2one('sales.plan', string='Sales Plan', required=True, index=True, ondelete='cascade')
    sequence = fields.Integer(default=10)
    name = fields.Char(compute='_compute_name', string='Target', store=True)
    parent_id = fields.Many2one('sales.plan.line', string='Parent Target', index=True, ondelete='cascade')
    child_ids = fields.One2many('sales.plan.line', 'parent_id', string='Sub-targets')
    team_id = fields.Many2one('crm.team', string='Sales Team', index=True)
    user_id = fields.Many2one('res.users', string='Salesperson', index=True)
    metric = fields.Selection(METRICS, required=True, default='signed_amount')
    target = fields.Float(required=True, default=0.0)
    children_total = fields.Float(compute='_compute_children_total', string='Sub-targets Total')
    company_id = fields.Many2one('res.company', related='plan_id.company_id', store=True, readonly=True)

    _sql_constraints = [
        ('target_non_negative', 'CHECK(target >= 0)', 'A target cannot be negative.'),
    ]

    @api.depends('team_id.name', 'user_id.name')
    def _compute_name(self):
        for line in self:
            parts = [part for part in (line.team_id.name, line.user_id.name) if part]
            line.name = ' / '.join(parts) or _('Company-wide')

    @api.depends('child_ids.target')
    def _compute_children_total(self):
        for line in self:
            line.children_total = sum(line.child_ids.mapped('target'))

    def _metric_label(self):
        return dict(self._fields['metric']._description_selection(self.env))[self.metric]

    @api.constrains('parent_id', 'plan_id', 'metric')
    def _check_parent(self):
        if not self._check_recursion():
            raise ValidationError(_('A target cannot be its own parent target.'))
        for line in self:
            for parent, child in [(line.parent_id, line)] + [(line, child) for child in line.child_ids]:
                if not parent:
                    continue
                if parent.plan_id != child.plan_id:
                    raise ValidationError(_('%(child)s and its parent target %(parent)s belong to different '
                                            'plans.') % {'child': child.display_name, 'parent': parent.display_name})
                if parent.metric != child.metric:
                    raise ValidationError(_(
                        'Target %(child)s measures %(child_metric)s but its parent %(parent)s measures '
                        '%(parent_metric)s: a target splits into sub-targets of the same metric.') % {
                            'child': child.display_name, 'child_metric': child._metric_label(),
                            'parent': parent.display_name, 'parent_metric': parent._metric_label()})

    @api.model
    def create(self, vals):
        line = super(SalesPlanLine, self).create(vals)
        line.plan_id._check_draft()
        return line

    @api.multi
    def write(self, vals):
        self.mapped('plan_id')._check_draft()
        return super(SalesPlanLine, self).write(vals)

    @api.multi
    def unlink(self):
        if not is_module_uninstall(self.env):
            self.mapped('plan_id')._check_draft()
        return super(SalesPlanLine, self).unlink()
