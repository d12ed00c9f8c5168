from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression

RENEWABLE_STATES = ('signed', 'executing', 'done')


class SaleContract(models.Model):
    """Renewal (续签): a contract near its end is followed by a linked draft contract for the next period."""
    _inherit = 'sale.contract'

    renewed_from_id = fields.Many2one('sale.contract', string='Renewal of', readonly=True, copy=False, index=True,
                                      ondelete='set null', help='The contract this one follows on from.')
    renewal_ids = fields.One2many('sale.contract', 'renewed_from_id', string='Renewals', readonly=True, copy=False)
    renewal_count = fields.Integer(compute='_compute_renewal_count', string='Renewal Count')
    renewal_due = fields.Boolean(
        'Renewal Due', compute='_compute_renewal_due', search='_search_renewal_due',
        help='Signed contracts ending within the renewal notice of the company (or ended as long ago), '
             'not renewed yet.')

    @api.depends('renewal_ids')
    def _compute_renewal_count(self):
        for contract in self:
            contract.renewal_count = len(contract.renewal_ids)

    def _open_renewals(self):
        return self.sudo().renewal_ids.filtered(lambda c: c.state != 'terminated')

    def _renewal_window(self):
        days = self.env.user.company_id.contract_renewal_days
        today = fields.Date.from_string(fields.Date.context_today(self))
        return fields.Date.to_string(today - timedelta(days=days)), fields.Date.to_string(today + timedelta(days=days))

    def _compute_renewal_due(self):
        start, end = self._renewal_window()
        for contract in self:
            contract.renewal_due = (contract.state in RENEWABLE_STATES and bool(contract.date_end)
                                    and start <= contract.date_end <= end and not contract._open_renewals())

    def _search_renewal_due(self, operator, value):
        if operator not in ('=', '!='):
            raise UserError(_('Search contracts due for renewal with = or !=.'))
        start, end = self._renewal_window()
        self.env.cr.execute("SELECT DISTINCT renewed_from_id FROM sale_contract "
                            "WHERE renewed_from_id IS NOT NULL AND state != 'terminated'")
        renewed = [row[0] for row in self.env.cr.fetchall()]
        domain = [('state', 'in', RENEWABLE_STATES), ('date_end', '>=', start), ('date_end', '<=', end),
                  ('id', 'not in', renewed)]
        domain = expression.normalize_domain(domain)
        return domain if (operator == '=') == bool(value) else ['!'] + domain

    def _renewal_dates(self):
        """The next period: from the day after the old end, as long as the old one (whole months stay whole
        months: 2026-01-01..2026-12-31 is followed by 2027-01-01..2027-12-31)."""
        old_end = fields.Date.from_string(self.date_end)
        new_start = old_end + timedelta(days=1)
        if not self.date_start:
            return fields.Date.to_string(new_start), False
        old_start = fields.Date.from_string(self.date_start)
        length = relativedelta(new_start, old_start)
        if not length.days:
            new_end = new_start + relativedelta(years=length.years, months=length.months) - timedelta(days=1)
        else:
            new_end = new_start + (old_end - old_start)
        return fields.Date.to_string(new_start), fields.Date.to_string(new_end)

    def _prepare_renewal_values(self):
        date_start, date_end = self._renewal_dates()
        return {
            'renewed_from_id': self.id,
            'date_start': date_start,
            'date_end': date_end,
            'sign_date': False,
            'payment_plan_template_id': self.payment_plan_template_id.id,
        }

    @api.multi
    def action_renew(self):
        """A draft follow-on contract for the next period, with the same parties, type, lines and terms."""
        self.ensure_one()
        self.check_access_rule('write')
        if self.state not in RENEWABLE_STATES:
            raise UserError(_('Contract %(name)s is %(state)s: only a signed contract is renewed.') % {
                'name': self.name, 'state': self._state_label(self.state)})
        if not self.date_end:
            raise UserError(_('Contract %s has no end date: give it one (by an amendment) before renewing it.')
                            % self.name)
        open_renewals = self._open_renewals()
        if open_renewals:
            raise UserError(_('Contract %(name)s is renewed already by %(renewal)s.') % {
                'name': self.name, 'renewal': ', '.join(open_renewals.mapped('name'))})
        renewal = self.copy(self._prepare_renewal_values())
        renewal.message_post(body=_('Renewal of contract %s.') % self.name, subtype='mail.mt_note')
        self.message_post(body=_('Renewed by contract %s.') % renewal.name, subtype='mail.mt_note')
        return {
            'type': 'ir.actions.act_window', 'res_model': 'sale.contract', 'res_id': renewal.id,
            'view_mode': 'form', 'target': 'current',
        }

    @api.multi
    def action_view_renewals(self):
        self.ensure_one()
        action = self.env.ref('contract_mgmt.sale_contract_action').read()[0]
        action['domain'] = ['|', ('renewed_from_id', '=', self.id), ('id', '=', self.renewed_from_id.id)]
        return action
