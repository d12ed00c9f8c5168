from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
# Uninstalling the module deletes its demo and data records whatever their state.
from odoo.addons.crm_lifecycle.models.trusted_context import is_module_uninstall

THREAT_LEVELS = [('low', 'Low'), ('medium', 'Medium'), ('high', 'High')]
PRICE_POSITIONING = [('low', 'Low-end'), ('mid', 'Mid-range'), ('high', 'High-end'), ('premium', 'Premium')]


class CrmCompetitor(models.Model):
    """A company we meet in our deals. It is a partner, so it may also be one of our suppliers
    or a former customer."""
    _name = 'crm.competitor'
    _description = 'Competitor'
    _inherit = ['mail.thread', 'mail.activity.mixin']
    _order = 'name, id'
    # Salespeople only read competitors, but they share what they learn in the chatter.
    _mail_post_access = 'read'

    partner_id = fields.Many2one(
        'res.partner', string='Company', required=True, index=True, ondelete='restrict',
        domain=[('is_company', '=', True)], track_visibility='onchange')
    name = fields.Char(related='partner_id.name', store=True, readonly=True, index=True)
    category_id = fields.Many2one('crm.competitor.category', string='Category', index=True,
                                  ondelete='restrict', track_visibility='onchange')
    threat_level = fields.Selection(THREAT_LEVELS, default='medium', required=True,
                                    track_visibility='onchange')
    main_products = fields.Text()
    price_positioning = fields.Selection(PRICE_POSITIONING, track_visibility='onchange')
    website = fields.Char(related='partner_id.website', readonly=True)
    market_share_notes = fields.Text('Market Share')
    strategy = fields.Html('Strategy against this Competitor',
                           help='How we win against this competitor: arguments, references, pricing tactics.')
    company_id = fields.Many2one(
        'res.company', index=True,
        default=lambda self: self.env['res.company']._company_default_get('crm.competitor'),
        help='Leave empty to share this competitor between all companies.')
    active = fields.Boolean(default=True)
    color = fields.Integer('Color Index')
    line_ids = fields.One2many('crm.lead.competitor', 'competitor_id', string='Bids')
    opportunity_count = fields.Integer(compute='_compute_opportunity_count', string='Opportunities')
    swot_ids = fields.One2many('crm.competitor.swot', 'competitor_id', string='SWOT')
    strength_ids = fields.One2many('crm.competitor.swot', 'competitor_id', string='Strengths',
                                   domain=[('kind', '=', 'strength')], context={'default_kind': 'strength'})
    weakness_ids = fields.One2many('crm.competitor.swot', 'competitor_id', string='Weaknesses',
                                   domain=[('kind', '=', 'weakness')], context={'default_kind': 'weakness'})
    swot_opportunity_ids = fields.One2many('crm.competitor.swot', 'competitor_id', string='Opportunities for Us',
                                           domain=[('kind', '=', 'opportunity')],
                                           context={'default_kind': 'opportunity'})
    threat_ids = fields.One2many('crm.competitor.swot', 'competitor_id', string='Threats to Us',
                                 domain=[('kind', '=', 'threat')], context={'default_kind': 'threat'})
    intelligence_ids = fields.One2many('crm.competitor.intelligence', 'competitor_id', string='Intelligence')
    intelligence_count = fields.Integer(compute='_compute_intelligence_count', string='Intelligence Entries')

    _sql_constraints = [
        ('partner_company_uniq', 'unique(partner_id, company_id)', 'This company is already a competitor.'),
    ]

    @api.constrains('partner_id')
    def _check_partner_is_company(self):
        for competitor in self.filtered(lambda c: not c.partner_id.is_company):
            raise ValidationError(_('The competitor "%s" must be a company, not a person.')
                                  % competitor.partner_id.name)

    def _compute_opportunity_count(self):
        # Counted through the lines the user may read: a salesperson sees the deals he may see.
        lines = self.env['crm.lead.competitor'].search([('competitor_id', 'in', self.ids)])
        for competitor in self:
            competitor.opportunity_count = len(
                lines.filtered(lambda line: line.competitor_id == competitor).mapped('lead_id'))

    def _compute_intelligence_count(self):
        counts = self.env['crm.competitor.intelligence'].read_group(
            [('competitor_id', 'in', self.ids)], ['competitor_id'], ['competitor_id'])
        by_competitor = {count['competitor_id'][0]: count['competitor_id_count'] for count in counts}
        for competitor in self:
            competitor.intelligence_count = by_competitor.get(competitor.id, 0)

    @api.multi
    def unlink(self):
        # Bids are the history of our deals: keep it, archive the competitor instead.
        used = self.env['crm.lead.competitor'].sudo().search([('competitor_id', 'in', self.ids)])
        if used and not is_module_uninstall(self.env):
            raise UserError(_(
                'You cannot delete the competitor %s: it took part in opportunities. Archive it instead.')
                % ', '.join(used.mapped('competitor_id.name')))
        return super(CrmCompetitor, self).unlink()

    @api.multi
    def action_view_opportunities(self):
        """The opportunities this competitor is in, won and lost ones included (a manager's view)."""
        self.ensure_one()
        action = self.env.ref('crm.crm_lead_opportunities').read()[0]
        action['domain'] = [('competitor_line_ids.competitor_id', '=', self.id)]
        action['context'] = {'default_type': 'opportunity', 'active_test': False}
        return action

    @api.multi
    def action_add_to_opportunity(self):
        """Record this competitor on an opportunity, from the competitor."""
        self.ensure_one()
        return {
            'type': 'ir.actions.act_window', 'name': _('Add to an Opportunity'), 'res_model': 'crm.lead.competitor',
            'view_mode': 'form', 'target': 'new', 'context': {'default_competitor_id': self.id},
        }

    @api.multi
    def action_view_intelligence(self):
        self.ensure_one()
        action = self.env.ref('competitor.crm_competitor_intelligence_action').read()[0]
        action['domain'] = [('competitor_id', '=', self.id)]
        action['context'] = {'default_competitor_id': self.id}
        return action
