from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class CareFestivalDate(models.Model):
    """The Gregorian date of a lunar festival in one year (春节 2026 → 2026-02-17)."""
    _name = 'crm.care.festival.date'
    _description = 'Care Festival Date'
    _order = 'festival_id, date'

    festival_id = fields.Many2one('crm.care.festival', 'Festival', required=True, index=True, ondelete='cascade')
    date = fields.Date('Date', required=True, index=True)
    year = fields.Integer('Year', compute='_compute_year', store=True)

    @api.depends('date')
    def _compute_year(self):
        for line in self:
            line.year = fields.Date.from_string(line.date).year if line.date else 0

    @api.constrains('festival_id', 'date')
    def _check_one_date_per_year(self):
        for line in self:
            if self.search_count([('festival_id', '=', line.festival_id.id), ('year', '=', line.year),
                                  ('id', '!=', line.id)]):
                raise ValidationError(_('%(festival)s already has a date in %(year)s.') % {
                    'festival': line.festival_id.name, 'year': line.year})
