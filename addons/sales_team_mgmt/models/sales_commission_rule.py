from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.addons.crm_lifecycle.models.trusted_context import is_module_uninstall


class SalesCommissionRule(models.Model):
    """What a salesperson earns on the money collected: who it applies to, on what base and at what rate.
    Tiers raise the rate once the salesperson's target for the period is reached (see
    ``sales.commission.statement``)."""
    _name = 'sales.commission.rule'
    _description = 'Commission Rule'
    _order = 'sequence, id'

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one('res.company', string='Company', required=True, index=True,
                                 default=lambda self: self.env['res.company']._company_default_get(
                                     'sales.commission.rule'))
    applies_to = fields.Selection([('all', 'All salespeople'), ('team', 'A sales team'),
                                   ('user', 'A salesperson')], string='Applies To', required=True, default='all')
    team_id = fields.Many2one('crm.team', string='Sales Team', index=True)
    user_id = fields.Many2one('res.users', string='Salesperson', index=True)
    categ_id = fields.Many2one('product.category', string='Product Category',
                               help='Only the invoice lines of products in this category (and its sub-categories) '
                                    'count towards the base.')
    date_from = fields.Date('Valid From')
    date_to = fields.Date('Valid To')
    base = fields.Selection([('collected', 'Collected amount'), ('margin', 'Gross margin of collected invoices')],
                            string='Base', required=True, default='collected',
                            help='Gross margin: the share of the collected amount that is margin on the invoice '
                                 '(invoice line subtotal minus product cost times quantity).')
    rate = fields.Float('Rate (%)', digits=(16, 2),
                        help='Rate used when the rule has no tiers or the salesperson has no target for the period.')
    tier_ids = fields.One2many('sales.commission.rule.tier', 'rule_id', string='Tiers', copy=True)

    @api.constrains('applies_to', 'team_id', 'user_id', 'date_from', 'date_to', 'rate')
    def _check_rule(self):
        for rule in self:
            if rule.applies_to == 'team' and not rule.team_id:
                raise ValidationError(_('Commission rule %s applies to a team: choose the team.') % rule.name)
            if rule.applies_to == 'user' and not rule.user_id:
                raise ValidationError(_('Commission rule %s applies to a salesperson: choose the salesperson.')
                                      % rule.name)
            if rule.date_from and rule.date_to and rule.date_from > rule.date_to:
                raise ValidationError(_('Commission rule %s ends before it starts.') % rule.name)
            if rule.rate < 0:
                raise ValidationError(_('A commission rate cannot be negative.'))

    @api.multi
    def unlink(self):
        """A rule that commission was computed by stays (archive it): its lines are what was earned."""
        if self and not is_module_uninstall(self.env):
            line = self.env['sales.commission.line'].sudo().search([('rule_id', 'in', self.ids)], limit=1)
            if line:
                raise UserError(_('The commission rule "%s" has commission lines: archive it instead.')
                                % line.rule_id.name)
        return super(SalesCommissionRule, self).unlink()

    @api.model
    def _rules_for(self, user, team, company, date):
        """The active rules of ``company`` that apply to ``user`` (of ``team``) on ``date``."""
        domain = [('company_id', '=', company.id),
                  '|', ('date_from', '=', False), ('date_from', '<=', date),
                  '|', ('date_to', '=', False), ('date_to', '>=', date),
                  '|', '|', ('applies_to', '=', 'all'),
                  '&', ('applies_to', '=', 'user'), ('user_id', '=', user.id),
                  '&', ('applies_to', '=', 'team'), ('team_id', 'parent_of', team.ids or [0])]
        return self.sudo().search(domain)

    def _base_share(self, invoice):
        """The share (0..1) of the money collected on ``invoice`` that this rule pays commission on."""
        self.ensure_one()
        total = invoice.amount_total
        if not total:
            return 0.0
        lines = invoice.invoice_line_ids
        if self.categ_id:
            categories = self.env['product.category'].search([('id', 'child_of', self.categ_id.id)])
            lines = lines.filtered(lambda line: line.product_id.categ_id in categories)
        if self.base == 'margin':
            amount = sum(line.price_subtotal - line.product_id.standard_price * line.quantity for line in lines)
        else:
            # the collected amount includes taxes: lines count with their tax-included total
            amount = sum(line.price_total for line in lines)
        return amount / total

    def _commission(self, base_amount, target):
        """Commission on ``base_amount`` for a salesperson whose target is ``target``: marginal tiers, each
        rate applies to the part of the base between its threshold (attainment % of the target) and the next.
        Returns the amount and the (from %, rate, base part, commission) of each tier."""
        self.ensure_one()
        tiers = self.tier_ids.sorted('from_attainment')
        if not tiers or target <= 0 or base_amount <= 0:
            # no target: the rule's rate; a net refund: the first tier's rate
            rate = tiers[0].rate if tiers and target > 0 else self.rate
            amount = base_amount * rate / 100.0
            return amount, [(0.0, rate, base_amount, amount)]
        details = []
        for index, tier in enumerate(tiers):
            low = target * tier.from_attainment / 100.0
            high = target * tiers[index + 1].from_attainment / 100.0 if index + 1 < len(tiers) else None
            part = max(0.0, (base_amount if high is None else min(base_amount, high)) - low)
            details.append((tier.from_attainment, tier.rate, part, part * tier.rate / 100.0))
        return sum(d[3] for d in details), details
