from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class SalesCommissionTarget(models.Model):
    """A salesperson's collection target for a commission period (stands in for the sales plan's personal
    target until the plans provide one per period)."""
    _name = 'sales.commission.target'
    _description = 'Commission Target'
    _order = 'date_from desc, user_id'

    user_id = fields.Many2one('res.users', string='Salesperson', required=True, index=True)
    company_id = fields.Many2one('res.company', string='Company', required=True, index=True,
                                 default=lambda self: self.env['res.company']._company_default_get(
                                     'sales.commission.target'))
    date_from = fields.Date('From', required=True)
    date_to = fields.Date('To', required=True)
    target = fields.Monetary('Target Amount', currency_field='currency_id')
    currency_id = fields.Many2one(related='company_id.currency_id', readonly=True)

    _sql_constraints = [('user_period_unique', 'unique (user_id, company_id, date_from, date_to)',
                         'A salesperson has one target per period.')]

    @api.constrains('date_from', 'date_to', 'target')
    def _check_target(self):
        for record in self:
            if record.date_from > record.date_to:
                raise ValidationError(_('The target period ends before it starts.'))
            if record.target < 0:
                raise ValidationError(_('A target cannot be negative.'))
