from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.misc import formatLang

ACCEPTABLE_CONTRACT_STATES = ('signed', 'executing')


class SaleContractAcceptance(models.Model):
    """A customer acceptance (验收) of what a contract delivered: when, who signed it on both sides, how much
    of the contract it accepts, with the signed acceptance report. Recording one makes the instalments due on
    acceptance fall due."""
    _name = 'sale.contract.acceptance'
    _description = 'Contract Acceptance'
    _order = 'date desc, id desc'

    contract_id = fields.Many2one('sale.contract', string='Contract', required=True, index=True, ondelete='cascade',
                                  domain=[('state', 'in', ACCEPTABLE_CONTRACT_STATES)])
    date = fields.Date('Acceptance Date', required=True, default=fields.Date.context_today)
    partner_id = fields.Many2one(related='contract_id.partner_id', string='Customer', store=True, readonly=True)
    customer_signer_id = fields.Many2one('res.partner', string='Customer Signer',
                                         help='The contact of the customer who signed the acceptance.')
    our_user_id = fields.Many2one('res.users', string='Our Person', default=lambda self: self.env.user)
    percent = fields.Float('Accepted (%)', digits=(16, 2), help='Share of the contract amount accepted.')
    amount = fields.Monetary('Accepted Amount', help='Computed from the percentage when left empty.')
    note = fields.Text('Notes')
    attachment = fields.Binary('Acceptance Report', attachment=True)
    attachment_name = fields.Char('Report File Name')
    user_id = fields.Many2one(related='contract_id.user_id', string='Salesperson', store=True, readonly=True,
                              index=True)
    team_id = fields.Many2one(related='contract_id.team_id', string='Sales Team', store=True, readonly=True)
    company_id = fields.Many2one(related='contract_id.company_id', store=True, readonly=True, index=True)
    currency_id = fields.Many2one(related='contract_id.currency_id', readonly=True)

    @api.constrains('contract_id', 'customer_signer_id')
    def _check_signer(self):
        for acceptance in self.filtered('customer_signer_id'):
            customer = acceptance.contract_id.partner_id.commercial_partner_id
            if acceptance.customer_signer_id.commercial_partner_id != customer:
                raise ValidationError(_('The customer signer %(signer)s is not a contact of %(customer)s.') % {
                    'signer': acceptance.customer_signer_id.name, 'customer': customer.name})

    @api.constrains('amount', 'percent', 'contract_id')
    def _check_amount(self):
        for acceptance in self:
            contract = acceptance.contract_id
            currency = contract.currency_id
            if currency.compare_amounts(acceptance.amount, 0.0) <= 0:
                raise ValidationError(_('Give the accepted amount or percentage.'))
            accepted = sum(contract.acceptance_ids.mapped('amount'))
            if currency.compare_amounts(accepted, contract.amount_total) > 0:
                raise ValidationError(_('Contract %(name)s would be accepted for %(accepted)s, more than its amount '
                                        '%(total)s.') % {
                    'name': contract.name, 'accepted': formatLang(self.env, accepted, currency_obj=currency),
                    'total': formatLang(self.env, contract.amount_total, currency_obj=currency)})

    @api.onchange('percent')
    def _onchange_percent(self):
        if self.percent:
            self.amount = self.contract_id.currency_id.round(self.contract_id.amount_total * self.percent / 100.0)

    @api.onchange('amount')
    def _onchange_amount(self):
        total = self.contract_id.amount_total
        if total and self.amount:
            self.percent = 100.0 * self.amount / total

    def _complete_values(self, vals, contract):
        """The amount from the percentage (or the percentage from the amount)."""
        total = contract.amount_total
        if vals.get('percent') and not vals.get('amount'):
            vals['amount'] = contract.currency_id.round(total * vals['percent'] / 100.0)
        elif vals.get('amount') and 'percent' not in vals and total:
            vals['percent'] = 100.0 * vals['amount'] / total
        return vals

    @api.model
    def create(self, vals):
        contract = self.env['sale.contract'].browse(vals.get('contract_id'))
        if not contract:
            return super(SaleContractAcceptance, self).create(vals)
        # recorded by who may change the contract (its salesperson, team lead, manager)
        contract.check_access_rule('write')
        if contract.state not in ACCEPTABLE_CONTRACT_STATES:
            raise UserError(_('Contract %(name)s is %(state)s: acceptances are recorded on signed contracts being '
                              'executed.') % {'name': contract.name, 'state': contract._state_label(contract.state)})
        acceptance = super(SaleContractAcceptance, self).create(self._complete_values(vals, contract))
        contract._trigger_payment_plan('acceptance', acceptance.date)
        contract.message_post(body=_('Acceptance of %(date)s recorded: %(amount)s (%(percent)s %%).') % {
            'date': acceptance.date, 'percent': round(acceptance.percent, 2),
            'amount': formatLang(self.env, acceptance.amount, currency_obj=contract.currency_id)},
            subtype='mail.mt_note')
        return acceptance

    @api.multi
    def write(self, vals):
        if 'contract_id' in vals:
            raise UserError(_('An acceptance stays on its contract: record a new one on the other contract.'))
        for acceptance in self:
            super(SaleContractAcceptance, acceptance).write(
                acceptance._complete_values(dict(vals), acceptance.contract_id))
        return True
