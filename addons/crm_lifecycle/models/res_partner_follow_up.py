from odoo import api, fields, models


class ResPartner(models.Model):
    """The follow-up log of a customer company, and the two dates the crons read from it."""
    _inherit = 'res.partner'

    last_follow_up_date = fields.Datetime(
        'Last Follow-up', index=True, copy=False, readonly=True,
        help='Date of the latest follow-up logged on this customer.')
    next_follow_up_date = fields.Date(
        'Next Follow-up', index=True, copy=False, readonly=True,
        help='Next follow-up planned by the latest follow-up; the owner is reminded a few days before.')
    follow_up_ids = fields.One2many('crm.customer.follow.up', 'partner_id', 'Follow-ups', readonly=True,
                                    groups='sales_team.group_sale_salesman')
    follow_up_count = fields.Integer(compute='_compute_follow_up_count', string='Follow-up Count',
                                     groups='sales_team.group_sale_salesman')

    def _compute_follow_up_count(self):
        counts = self.env['crm.customer.follow.up'].read_group(
            [('partner_id', 'in', self.ids)], ['partner_id'], ['partner_id'])
        by_partner = {count['partner_id'][0]: count['partner_id_count'] for count in counts}
        for partner in self:
            partner.follow_up_count = by_partner.get(partner.id, 0)

    @api.multi
    def _refresh_follow_up_dates(self):
        """Set the last and next follow-up dates from the latest follow-up of each customer (by date)."""
        if not self:
            return
        self.env.cr.execute("""
            SELECT partner.id, latest.date, latest.next_follow_up_date
              FROM res_partner partner
              LEFT JOIN LATERAL (
                    SELECT follow_up.date, follow_up.next_follow_up_date
                      FROM crm_customer_follow_up follow_up
                     WHERE follow_up.partner_id = partner.id
                     ORDER BY follow_up.date DESC, follow_up.id DESC
                     LIMIT 1) latest ON TRUE
             WHERE partner.id IN %s""", (tuple(self.ids),))
        for partner_id, last_date, next_date in self.env.cr.fetchall():
            partner = self.sudo().browse(partner_id)
            vals = {
                # Odoo's cursor returns dates and datetimes as the ORM's strings
                'last_follow_up_date': last_date or False,
                'next_follow_up_date': next_date or False,
            }
            if partner.last_follow_up_date != vals['last_follow_up_date'] \
                    or partner.next_follow_up_date != vals['next_follow_up_date']:
                partner.write(vals)
