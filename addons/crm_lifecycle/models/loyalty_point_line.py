from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError


class LoyaltyPointLine(models.Model):
    """One movement of a customer's loyalty points: earned (+) or spent/corrected (-).

    The ledger is append-only: a line is never changed or deleted (except by the superuser),
    a mistake is corrected by a new line. Lines are created by ``res.partner.award_loyalty_points``
    (by code, as superuser, e.g. on collected payments) or by a sales manager's manual adjustment.
    The customer's balance (``res.partner.loyalty_points``) is the sum of its lines and never
    goes below zero: ``create()`` locks the customer row before adding up its lines.
    """
    _name = 'crm.loyalty.point.line'
    _description = 'Loyalty Point Line'
    _order = 'date desc, id desc'
    _rec_name = 'reason'

    partner_id = fields.Many2one(
        'res.partner', 'Customer', required=True, index=True, ondelete='restrict',
        help='The customer company that earns or spends the points.')
    date = fields.Date(required=True, index=True, default=fields.Date.context_today)
    points = fields.Integer(required=True, help='Positive: points earned; negative: points spent or taken back.')
    balance_after = fields.Integer(
        'Balance After', readonly=True, help="The customer's balance right after this line.")
    reason = fields.Char(required=True)
    origin = fields.Char('Source Document', help='Reference of the document the points come from.')
    source_ref = fields.Reference(
        selection='_selection_source_models', string='Source Record', index=True,
        help='The record the points were awarded for; the same record is never awarded twice for the same reason.')
    user_id = fields.Many2one('res.users', 'Recorded by', required=True, ondelete='restrict',
                              default=lambda self: self.env.user)
    company_id = fields.Many2one('res.company', 'Company', required=True, index=True,
                                 default=lambda self: self.env.user.company_id)

    _sql_constraints = [
        ('points_non_zero', 'CHECK(points != 0)', 'A loyalty point line must add or deduct points.'),
    ]

    @api.model_cr
    def init(self):
        # Idempotency of awards per source record and reason, also between concurrent transactions.
        self.env.cr.execute("""
            CREATE UNIQUE INDEX IF NOT EXISTS crm_loyalty_point_line_source_reason_uniq
                ON crm_loyalty_point_line (source_ref, reason) WHERE source_ref IS NOT NULL""")

    @api.model
    def _selection_source_models(self):
        return [(model.model, model.name) for model in self.env['ir.model'].sudo().search([])]

    # ------------------------------------------------------------------
    # Who may add lines; lines never change
    # ------------------------------------------------------------------
    @api.model
    def _check_can_record_points(self):
        """Lines are added by code running as superuser, or by sales managers (manual adjustments)."""
        user = self.env.user
        if not (user._is_superuser() or user.has_group('sales_team.group_sale_manager')):
            raise AccessError(_('Only sales managers may adjust loyalty points; points are otherwise '
                                'awarded automatically.'))

    @api.model
    def create(self, vals):
        self._check_can_record_points()
        partner = self.env['res.partner'].sudo().browse(vals.get('partner_id')).exists()
        if not partner:
            raise ValidationError(_('Loyalty points need a customer.'))
        if partner != partner.commercial_partner_id:
            raise ValidationError(_('%(contact)s is a contact person: loyalty points belong to its company '
                                    '%(company)s.') % {
                                        'contact': partner.display_name,
                                        'company': partner.commercial_partner_id.display_name})
        points = vals.get('points') or 0
        if not points:
            raise ValidationError(_('A loyalty point line must add or deduct points.'))
        balance = partner._lock_loyalty_balance()
        if balance + points < 0:
            raise ValidationError(_('%(customer)s has %(balance)s loyalty points: %(points)s cannot be deducted, '
                                    'the balance cannot go below zero.') % {
                                        'customer': partner.display_name, 'balance': balance, 'points': -points})
        vals = dict(vals, balance_after=balance + points)
        vals.setdefault('company_id', (partner.company_id or self.env.user.company_id).id)
        return super(LoyaltyPointLine, self).create(vals)

    @api.multi
    def write(self, vals):
        if not self.env.user._is_superuser():
            raise UserError(_('Loyalty point lines cannot be changed: record a correction as a new line.'))
        return super(LoyaltyPointLine, self).write(vals)

    @api.multi
    def unlink(self):
        if not self.env.user._is_superuser():
            raise UserError(_('Loyalty point lines cannot be deleted: record a correction as a new line.'))
        return super(LoyaltyPointLine, self).unlink()
