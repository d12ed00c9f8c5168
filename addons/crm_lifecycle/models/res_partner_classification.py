from odoo import _, api, fields, models, tools
from odoo.exceptions import UserError, ValidationError

CREDIT_RATINGS = [
    ('AAA', 'AAA (excellent)'),
    ('AA', 'AA (very good)'),
    ('A', 'A (good)'),
    ('B', 'B (fair)'),
    ('C', 'C (poor)'),
]


class ResPartner(models.Model):
    """Classification of a customer (level, lifecycle stage, source, region, credit rating) and churn.

    The lifecycle stage moves forward to the won stage (成交) when a first opportunity is won
    (see crm.lead), by hand on the form or the kanban, and to the churn stage (流失) only with a
    churn reason: the rule is a constraint, so form, kanban, import and RPC obey it alike.
    """
    _inherit = 'res.partner'

    customer_level_id = fields.Many2one(
        'crm.customer.level', string='Customer Level', index=True, track_visibility='onchange', ondelete='set null')
    customer_stage_id = fields.Many2one(
        'crm.customer.stage', string='Lifecycle Stage', index=True, track_visibility='onchange',
        ondelete='set null', copy=False, default=lambda self: self._default_customer_stage(),
        group_expand='_read_group_customer_stage_ids')
    customer_source_id = fields.Many2one(
        'utm.source', string='Customer Source', index=True, ondelete='set null',
        help='How the customer came to us: exhibition, referral, website ...')
    region_id = fields.Many2one(
        'crm.customer.region', string='Region', compute='_compute_region_id', store=True, index=True,
        help='The sales region that contains the province of the address.')
    credit_rating = fields.Selection(CREDIT_RATINGS, 'Credit Rating', track_visibility='onchange')
    churn_reason_id = fields.Many2one(
        'crm.churn.reason', string='Churn Reason', index=True, track_visibility='onchange', ondelete='set null',
        copy=False)
    churn_date = fields.Date('Churn Date', copy=False, track_visibility='onchange')
    churn_note = fields.Text('Churn Details', copy=False)
    is_churned = fields.Boolean(
        'Churned', compute='_compute_is_churned', store=True, index=True,
        help='The customer is in the churn stage (流失).')

    # ------------------------------------------------------------------
    # Stages
    # ------------------------------------------------------------------
    def _customer_stage_domain(self, company=None):
        company = company if company is not None else (self.company_id or self.env.user.company_id)
        return ['|', ('company_id', '=', False), ('company_id', '=', company.id)]

    @api.model
    def _default_customer_stage(self):
        if not self.pool.ready and not tools.table_exists(self.env.cr, 'crm_customer_stage'):
            # installing: the column is added to res_partner before the stage table exists
            return self.env['crm.customer.stage']
        # sudo: partners are also created by users without access to stages (portal signup)
        return self.env['crm.customer.stage'].sudo().search(self._customer_stage_domain(self.env.user.company_id),
                                                            limit=1)

    @api.model
    def _init_customer_stages(self):
        """At install: partners created before the stages existed start in the first shared stage.

        In SQL: an ORM write would run the duplicate check and post a tracking message on every partner.
        """
        stage = self.env['crm.customer.stage'].search([('company_id', '=', False)], limit=1)
        if stage:
            self.env.cr.execute('UPDATE res_partner SET customer_stage_id = %s WHERE customer_stage_id IS NULL',
                                (stage.id,))
            self.invalidate_cache(['customer_stage_id'])

    @api.model
    def _read_group_customer_stage_ids(self, stages, domain, order):
        """The kanban shows every stage, empty ones included."""
        return stages.search([], order=order)

    def _find_customer_stage(self, domain):
        """The first stage matching ``domain`` that this partner's company uses."""
        self.ensure_one()
        return self.env['crm.customer.stage'].sudo().search(self._customer_stage_domain() + domain, limit=1)

    @api.depends('customer_stage_id.is_churn_stage')
    def _compute_is_churned(self):
        for partner in self:
            partner.is_churned = partner.customer_stage_id.is_churn_stage

    @api.depends('state_id', 'company_id')
    def _compute_region_id(self):
        states = self.mapped('state_id')
        regions = self.env['crm.customer.region'].sudo().search([('state_ids', 'in', states.ids)]) if states \
            else self.env['crm.customer.region']
        for partner in self:
            candidates = regions.filtered(lambda r: partner.state_id in r.state_ids)
            # the partner's own company's region first, then a shared one, then (partner of no company) any
            own = candidates.filtered(lambda r: partner.company_id and r.company_id == partner.company_id)
            shared = candidates.filtered(lambda r: not r.company_id)
            other = candidates if not partner.company_id else self.env['crm.customer.region']
            partner.region_id = (own or shared or other)[:1]

    # ------------------------------------------------------------------
    # Churn
    # ------------------------------------------------------------------
    @api.constrains('customer_stage_id', 'churn_reason_id')
    def _check_churn_reason(self):
        for partner in self:
            if partner.customer_stage_id.is_churn_stage and not partner.churn_reason_id:
                raise ValidationError(_('%(customer)s cannot move to the stage "%(stage)s" without a churn '
                                        'reason: use "Mark as Churned" and say why the customer was lost.') % {
                                            'customer': partner.display_name,
                                            'stage': partner.customer_stage_id.name})

    @api.model
    def create(self, vals):
        return super(ResPartner, self).create(self._churn_stage_vals(vals))

    @api.multi
    def write(self, vals):
        return super(ResPartner, self).write(self._churn_stage_vals(vals))

    def _churn_stage_vals(self, vals):
        """Entering the churn stage dates the churn; leaving it clears reason and date (unless given)."""
        if not vals.get('customer_stage_id'):
            return vals
        stage = self.env['crm.customer.stage'].sudo().browse(vals['customer_stage_id'])
        vals = dict(vals)
        if stage.is_churn_stage:
            if 'churn_date' not in vals and (not self or not all(self.mapped('is_churned'))):
                vals['churn_date'] = fields.Date.context_today(self)
        elif any(self.mapped('is_churned')):
            vals.setdefault('churn_reason_id', False)
            vals.setdefault('churn_date', False)
        return vals

    @api.multi
    def action_mark_churned(self):
        """Open the wizard that asks for the churn reason."""
        return {
            'type': 'ir.actions.act_window',
            'name': _('Mark as Churned'),
            'res_model': 'crm.customer.churn.wizard',
            'view_mode': 'form',
            'target': 'new',
            'context': {'default_partner_ids': [(6, 0, self.ids)]},
        }

    @api.multi
    def mark_churned(self, reason, note=False, churn_date=False):
        """Move customers to the churn stage with a reason (``crm.churn.reason`` record)."""
        if not reason:
            raise UserError(_('Please give the churn reason.'))
        for partner in self:
            stage = partner._find_customer_stage([('is_churn_stage', '=', True)])
            if not stage:
                raise UserError(_('No churn stage is configured: a sales manager marks one lifecycle stage '
                                  'as "Churn Stage" (CRM ▸ Configuration ▸ Lifecycle Stages).'))
            partner.write({
                'customer_stage_id': stage.id,
                'churn_reason_id': reason.id,
                'churn_date': churn_date or fields.Date.context_today(partner),
                'churn_note': note or False,
            })
        return True

    @api.multi
    def action_reactivate(self):
        """A churned customer is back: to the 意向 stage, churn reason cleared, noted in the chatter."""
        interested = self.env.ref('crm_lifecycle.customer_stage_interested', raise_if_not_found=False)
        for partner in self:
            if not partner.is_churned:
                raise UserError(_('%s is not churned: only churned customers can be reactivated.')
                                % partner.display_name)
            stage = interested
            if not stage or stage.company_id not in (partner.company_id, self.env['res.company']):
                stage = partner._find_customer_stage([('is_churn_stage', '=', False), ('is_won_stage', '=', False)])
            if not stage:
                raise UserError(_('No lifecycle stage to reactivate %s into.') % partner.display_name)
            reason, churn_date = partner.churn_reason_id.name, partner.churn_date
            partner.write({'customer_stage_id': stage.id, 'churn_reason_id': False, 'churn_date': False,
                           'churn_note': False})
            partner.message_post(body=_('Reactivated: the customer churned on %(date)s (%(reason)s) is back in '
                                        'the stage "%(stage)s".') % {
                                            'date': churn_date, 'reason': reason, 'stage': stage.name},
                                 subtype='mail.mt_note')
        return True

    # ------------------------------------------------------------------
    # Won deals
    # ------------------------------------------------------------------
    def _move_to_won_stage(self):
        """A won opportunity: customers in an earlier stage move to the won stage (成交), later ones stay."""
        for partner in self:
            stage = partner._find_customer_stage([('is_won_stage', '=', True)])
            current = partner.customer_stage_id
            if stage and (not current or (current.sequence, current.id) < (stage.sequence, stage.id)):
                partner.write({'customer_stage_id': stage.id})
