from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class CustomerRegion(models.Model):
    """A sales region (华东, 华南 ...): a group of provinces. A customer belongs to the region of its province."""
    _name = 'crm.customer.region'
    _description = 'Customer Region'
    _order = 'sequence, name, id'

    name = fields.Char(required=True, translate=True)
    code = fields.Char()
    sequence = fields.Integer(default=10)
    state_ids = fields.Many2many(
        'res.country.state', 'crm_customer_region_state_rel', 'region_id', 'state_id', string='Provinces')
    company_id = fields.Many2one(
        'res.company', index=True,
        default=lambda self: self.env['res.company']._company_default_get('crm.customer.region'),
        help='Leave empty to share the region between all companies. A region of the customer\'s own company '
             'wins over a shared one with the same province.')

    @api.constrains('state_ids', 'company_id')
    def _check_province_in_one_region(self):
        """A province belongs to one region per company, or the customer's region would be ambiguous."""
        for region in self.filtered('state_ids'):
            clash = self.sudo().search([
                ('id', '!=', region.id),
                ('company_id', '=', region.company_id.id),
                ('state_ids', 'in', region.state_ids.ids),
            ], limit=1)
            if clash:
                states = region.state_ids & clash.state_ids
                raise ValidationError(_('%(provinces)s already belong to the region "%(region)s": '
                                        'a province can be in only one region.') % {
                                            'provinces': ', '.join(states.mapped('name')), 'region': clash.name})

    @api.model
    def create(self, vals):
        region = super(CustomerRegion, self).create(vals)
        region._recompute_partner_regions(region.state_ids)
        return region

    @api.multi
    def write(self, vals):
        if not {'state_ids', 'company_id'} & set(vals):
            return super(CustomerRegion, self).write(vals)
        states = self.mapped('state_ids')
        result = super(CustomerRegion, self).write(vals)
        self._recompute_partner_regions(states | self.mapped('state_ids'))
        return result

    @api.multi
    def unlink(self):
        states = self.mapped('state_ids')
        result = super(CustomerRegion, self).unlink()
        self._recompute_partner_regions(states)
        return result

    def _recompute_partner_regions(self, states):
        """The partners' region is stored: recompute it for the partners of provinces that changed region."""
        if not states:
            return
        partners = self.env['res.partner'].sudo().with_context(active_test=False).search(
            [('state_id', 'in', states.ids)])
        if partners:
            # a cached value would be taken for the recomputed one
            partners.invalidate_cache(['region_id'], partners.ids)
            self.env.add_todo(partners._fields['region_id'], partners)
            partners.recompute()
