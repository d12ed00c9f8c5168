from odoo import _, api, fields, models
from odoo.exceptions import UserError

# the dimensions a share line may give its sub-target
SHARE_DIMENSIONS = ('team_id', 'user_id', 'product_id', 'product_categ_id')


class SalesPlanLineSplitWizard(models.TransientModel):
    """Top-down split of one target: over the periods of its year (or of its own period) by weights, or
    over teams, people or products by shares. The split itself is the target's (split_over_periods,
    split_by_shares): same checks, same rounding."""
    _name = 'sales.plan.line.split.wizard'
    _description = 'Split a Sales Target'

    line_id = fields.Many2one('sales.plan.line', string='Target', required=True, ondelete='cascade')
    target = fields.Float(related='line_id.target', readonly=True)
    mode = fields.Selection([('periods', 'Over periods'), ('shares', 'Over teams, people or products')],
                            string='Split', required=True, default='periods')
    kind = fields.Selection([('quarter', 'Quarters'), ('month', 'Months'), ('week', 'Weeks')],
                            string='Periods', default='month')
    share_ids = fields.One2many('sales.plan.line.split.wizard.share', 'wizard_id', string='Shares')

    @api.onchange('mode', 'kind', 'line_id')
    def _onchange_kind(self):
        """Offer one line per period, equal weights, to adjust."""
        if self.mode != 'periods' or not self.kind or not self.line_id or self.line_id.child_ids or \
                self.line_id.plan_id.state != 'draft':
            return
        self.share_ids = self._period_shares()

    def _period_shares(self):
        periods = self.line_id._split_periods(self.kind)
        return [(5, 0, 0)] + [(0, 0, {'sequence': index, 'date_range_id': period.id, 'weight': 1.0})
                              for index, period in enumerate(periods)]

    @api.multi
    def action_load_periods(self):
        """Fill the share lines with the periods, equal weights (the onchange, as a button for RPC)."""
        self.ensure_one()
        if self.mode != 'periods' or not self.kind:
            raise UserError(_('Choose the periods to spread the target over.'))
        self.line_id._check_splittable()
        self.share_ids = self._period_shares()
        return {'type': 'ir.actions.act_window', 'res_model': self._name, 'res_id': self.id,
                'view_mode': 'form', 'target': 'new', 'name': _('Split %s') % self.line_id.display_name}

    @api.multi
    def action_split(self):
        self.ensure_one()
        line = self.line_id
        if self.mode == 'periods':
            if not self.kind:
                raise UserError(_('Choose the periods to spread the target over.'))
            periods = line._split_periods(self.kind)
            weights = {}
            for share in self.share_ids:
                if share.date_range_id not in periods or share.date_range_id.id in weights:
                    raise UserError(_('Period %s is not one of the periods to spread over, or is given twice.')
                                    % (share.date_range_id.name or _('(empty)')))
                weights[share.date_range_id.id] = share.weight
            missing = periods.filtered(lambda period: period.id not in weights)
            if missing:
                raise UserError(_('Give a weight to every period; missing: %s') % ', '.join(missing.mapped('name')))
            children = line.split_over_periods(self.kind, [weights[period.id] for period in periods])
        else:
            shares = []
            for share in self.share_ids:
                values = {name: share[name].id for name in SHARE_DIMENSIONS if share[name]}
                if not values:
                    raise UserError(_('Each share needs a sales team, salesperson, product or product category.'))
                shares.append((values, share.weight))
            children = line.split_by_shares(shares)
        return {
            'type': 'ir.actions.act_window',
            'name': _('Sub-targets of %s') % line.display_name,
            'res_model': 'sales.plan.line',
            'view_mode': 'tree,form',
            'domain': [('id', 'in', children.ids)],
        }
