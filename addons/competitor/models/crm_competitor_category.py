from odoo import fields, models


class CrmCompetitorCategory(models.Model):
    """How we classify competitors: international brand, domestic leader, regional player..."""
    _name = 'crm.competitor.category'
    _description = 'Competitor Category'
    _order = 'sequence, id'

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one(
        'res.company', index=True,
        help='Leave empty to share this category between all companies.')
    competitor_count = fields.Integer(compute='_compute_competitor_count', string='Competitors')

    def _compute_competitor_count(self):
        counts = self.env['crm.competitor'].read_group(
            [('category_id', 'in', self.ids)], ['category_id'], ['category_id'])
        by_category = {c['category_id'][0]: c['category_id_count'] for c in counts}
        for category in self:
            category.competitor_count = by_category.get(category.id, 0)
