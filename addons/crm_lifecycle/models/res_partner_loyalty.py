from odoo import api, fields, models


class ResPartner(models.Model):
    """Loyalty points of a customer company: a stored balance over an append-only ledger."""
    _inherit = 'res.partner'

    loyalty_line_ids = fields.One2many('crm.loyalty.point.line', 'partner_id', string='Loyalty Point Lines',
                                       readonly=True, groups='sales_team.group_sale_salesman')
    loyalty_points = fields.Integer(
        'Loyalty Points', compute='_compute_loyalty_points', store=True, readonly=True,
        help='Balance of the loyalty points of this customer: points earned less points spent.')
    loyalty_line_count = fields.Integer(compute='_compute_loyalty_line_count', string='Loyalty Point Lines Count',
                                        groups='sales_team.group_sale_salesman')

    _sql_constraints = [
        ('loyalty_points_non_negative', 'CHECK(loyalty_points >= 0)',
         'The loyalty points of a customer cannot go below zero.'),
    ]

    @api.depends('loyalty_line_ids.points')
    def _compute_loyalty_points(self):
        totals = {}
        if self.ids:
            groups = self.env['crm.loyalty.point.line'].sudo().read_group(
                [('partner_id', 'in', self.ids)], ['partner_id', 'points'], ['partner_id'])
            totals = {group['partner_id'][0]: group['points'] for group in groups}
        for partner in self:
            partner.loyalty_points = totals.get(partner.id, 0)

    def _compute_loyalty_line_count(self):
        groups = self.env['crm.loyalty.point.line'].read_group(
            [('partner_id', 'in', self.ids)], ['partner_id'], ['partner_id'])
        counts = {group['partner_id'][0]: group['partner_id_count'] for group in groups}
        for partner in self:
            partner.loyalty_line_count = counts.get(partner.id, 0)

    def _lock_loyalty_balance(self):
        """Lock this customer's row until the end of the transaction and return its balance.

        Whoever adds a ledger line first takes the lock, so two transactions cannot both spend the
        same points: the second waits, then fails with a serialization error (the request is
        retried) or reads the balance including the first one's line.
        """
        self.ensure_one()
        cr = self.env.cr
        # a serialization failure here is expected under concurrency (the request is retried): not logged
        cr.execute('SELECT id FROM res_partner WHERE id = %s FOR UPDATE', (self.id,), log_exceptions=False)
        cr.execute('SELECT COALESCE(SUM(points), 0) FROM crm_loyalty_point_line WHERE partner_id = %s',
                   (self.id,))
        return cr.fetchone()[0]

    @api.multi
    def award_loyalty_points(self, points, reason, origin=None, source=None):
        """Add (or, with negative ``points``, deduct) loyalty points to this customer.

        The public entry point for other modules (contract_mgmt awards points on collected
        payments)::

            partner.sudo().award_loyalty_points(120, 'Payment collected', origin=payment.name,
                                                source=payment)

        * The points go to the customer company (``commercial_partner_id``) of this partner.
        * Only code running as superuser (``sudo()``) or a sales manager may call it; anyone else
          gets an ``AccessError``.
        * ``points == 0`` records nothing and returns an empty recordset.
        * A deduction that would bring the balance below zero raises a ``ValidationError``
          (the customer row is locked first, so concurrent deductions cannot overdraw it).
        * With ``source`` (any record), the award is idempotent: if a line already exists for the
          same source record and the same ``reason``, nothing is added and that line is returned.
          Pass a ``reason`` that does not depend on the user's language to keep it so.

        :return: the ``crm.loyalty.point.line`` created (or found, or empty)
        """
        self.ensure_one()
        Line = self.env['crm.loyalty.point.line']
        Line._check_can_record_points()
        if not points:
            return Line
        partner = self.commercial_partner_id
        source_ref = '%s,%s' % (source._name, source.id) if source else False
        if source_ref:
            partner.sudo()._lock_loyalty_balance()
            existing = Line.sudo().search([('source_ref', '=', source_ref), ('reason', '=', reason)], limit=1)
            if existing:
                return Line.browse(existing.id)
        return Line.create({
            'partner_id': partner.id,
            'points': points,
            'reason': reason,
            'origin': origin or False,
            'source_ref': source_ref,
        })
