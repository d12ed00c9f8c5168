from odoo import _, api, fields, models
from odoo.exceptions import UserError


class CrmLead(models.Model):
    """Competition on an opportunity: the competitors and their bids, the intelligence about it, and the
    rules of winning and losing — won, every competitor is eliminated; lost, the lost reason is required
    and, where competitors were recorded and the reason says a competitor won, which one and at what
    price. The rules hold in ``write``, for the buttons, the kanban and RPC alike."""
    _inherit = 'crm.lead'

    competitor_line_ids = fields.One2many('crm.lead.competitor', 'lead_id', string='Competitors', copy=False)
    competitor_intelligence_ids = fields.One2many('crm.competitor.intelligence', 'lead_id',
                                                  string='Competitor Intelligence')
    winning_competitor_id = fields.Many2one(
        'crm.competitor', compute='_compute_winning_competitor', store=True, index=True,
        string='Lost to', help='The competitor that won the deal, when it was lost to one.')

    @api.depends('competitor_line_ids.status')
    def _compute_winning_competitor(self):
        for lead in self:
            winner = lead.competitor_line_ids.filtered(lambda line: line.status == 'winner')[:1]
            lead.winning_competitor_id = winner.competitor_id

    @api.multi
    def action_set_won(self):
        """When we win, every competitor of the deal is out."""
        self._eliminate_competitors()
        return super(CrmLead, self).action_set_won()

    @api.multi
    def write(self, vals):
        if vals.get('active') is False:
            self._check_loss(vals)
        result = super(CrmLead, self).write(vals)
        # Moving the card to a won stage wins the deal as well as the "Mark Won" button does.
        if 'stage_id' in vals or 'probability' in vals:
            self.filtered(lambda lead: lead.probability >= 100)._eliminate_competitors()
        if vals.get('active') is False:
            self.mapped('competitor_line_ids').filtered(lambda line: line.status == 'active').write(
                {'status': 'eliminated'})
        return result

    def _check_loss(self, vals):
        """An open opportunity is lost with its reason and, when a competitor took it, that competitor."""
        reason_given = self.env['crm.lost.reason'].browse(vals['lost_reason']) if vals.get('lost_reason') else None
        for lead in self.filtered(lambda l: l.active and l.type == 'opportunity' and l.probability < 100):
            reason = reason_given if reason_given is not None else lead.lost_reason
            if not reason:
                raise UserError(_('Please give the reason why %s is lost (the Mark Lost button asks for it).')
                                % lead.name)
            recorded = lead.competitor_line_ids
            if reason.competitor_wins and recorded and not recorded.filtered(lambda line: line.status == 'winner'):
                raise UserError(_('%(lead)s had competitors (%(competitors)s): say which one won and at what price.')
                                % {'lead': lead.name, 'competitors': ', '.join(recorded.mapped('competitor_id.name'))})

    @api.multi
    def action_set_lost_to(self, competitor, price, lost_reason):
        """Lose the opportunity to ``competitor`` (a crm.competitor recorded on it, or a new one added) at
        ``price`` for ``lost_reason``: what the Mark Lost wizard does, callable over RPC."""
        self.ensure_one()
        if price is None or price <= 0:
            raise UserError(_("Please give the winning competitor's price."))
        line = self.competitor_line_ids.filtered(lambda l: l.competitor_id == competitor)
        values = {'status': 'winner', 'bid_price': price}
        if line:
            line.write(values)
        else:
            self.env['crm.lead.competitor'].create(dict(values, lead_id=self.id, competitor_id=competitor.id))
        self.write({'lost_reason': lost_reason.id})
        return self.action_set_lost()

    @api.multi
    def _eliminate_competitors(self):
        self.mapped('competitor_line_ids').filtered(lambda l: l.status != 'eliminated').write(
            {'status': 'eliminated'})
