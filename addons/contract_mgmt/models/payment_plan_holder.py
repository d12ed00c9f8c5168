from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import formatLang


class PaymentPlanHolder(models.AbstractModel):
    """What a contract and a sales order share about their payment plan (回款计划).

    The instalments change only through their document's write (the form), which applies them as
    superuser after the document's own access and state checks, then checks that they add up to the
    document amount. A change of the amount alone (lines edited, an amendment) rebalances the instalments
    not invoiced yet. A model using it has ``payment_plan_ids``, ``amount_total``, ``currency_id``,
    ``partner_id``, ``name`` and defines ``_amount_fields()`` and ``_check_payment_plan_editable()``.
    """
    _name = 'sale.payment.plan.holder'
    _description = 'Document with a Payment Plan'

    payment_plan_template_id = fields.Many2one(
        'sale.payment.plan.template', string='Payment Plan Template', ondelete='restrict',
        help='The payment terms the instalments are generated from on approval (or confirmation).')
    # declared for the monetary fields below; the documents' own currency fields define it
    currency_id = fields.Many2one('res.currency')
    payment_plan_count = fields.Integer('Instalments', compute='_compute_payment_plan_summary')
    payment_plan_amount_paid = fields.Monetary('Collected on Plan', compute='_compute_payment_plan_summary')
    payment_plan_overdue_amount = fields.Monetary('Overdue', compute='_compute_payment_plan_summary')

    @api.depends('payment_plan_ids.amount_paid', 'payment_plan_ids.amount_residual', 'payment_plan_ids.due_date')
    def _compute_payment_plan_summary(self):
        for document in self:
            plans = document.payment_plan_ids
            document.payment_plan_count = len(plans)
            document.payment_plan_amount_paid = sum(plans.mapped('amount_paid'))
            document.payment_plan_overdue_amount = sum(plans.filtered('is_overdue').mapped('amount_residual'))

    def _amount_fields(self):
        """Fields whose change changes the document amount."""
        return {'amount_total'}

    def _check_payment_plan_editable(self):
        """Raise UserError when the instalments of this document may not change now."""
        raise NotImplementedError

    @api.model
    def create(self, vals):
        plan_commands = vals.pop('payment_plan_ids', None)
        document = super(PaymentPlanHolder, self).create(vals)
        if plan_commands:
            document._write_payment_plan(plan_commands)
        return document

    @api.multi
    def write(self, vals):
        plan_commands = vals.pop('payment_plan_ids', None)
        result = super(PaymentPlanHolder, self).write(vals) if vals else True
        if plan_commands is not None:
            self._write_payment_plan(plan_commands)
        elif self._amount_fields() & set(vals):
            self._rebalance_payment_plan()
        return result

    def _write_payment_plan(self, commands):
        """Apply one2many commands to the instalments (as superuser, after the checks), then check the total."""
        self.check_access_rights('write')
        self.check_access_rule('write')
        for document in self:
            document._check_payment_plan_editable()
            super(PaymentPlanHolder, document.sudo()).write({'payment_plan_ids': commands})
        self._check_payment_plan_total()

    @api.multi
    def _check_payment_plan_total(self):
        for document in self.filtered('payment_plan_ids'):
            planned = sum(document.payment_plan_ids.mapped('amount'))
            if document.currency_id.compare_amounts(planned, document.amount_total):
                raise UserError(_('The instalments of %(name)s add up to %(planned)s, but its amount is %(total)s: '
                                  'make them add up.') % {
                    'name': document.name,
                    'planned': formatLang(self.env, planned, currency_obj=document.currency_id),
                    'total': formatLang(self.env, document.amount_total, currency_obj=document.currency_id)})

    @api.multi
    def _rebalance_payment_plan(self):
        """Spread a new amount over the instalments not invoiced yet, in proportion to their amounts (the last
        one takes the rounding remainder). Returns {document: (before, after)} as texts for the history."""
        changes = {}
        for document in self.filtered('payment_plan_ids'):
            currency = document.currency_id
            plans = document.payment_plan_ids.sorted(lambda p: (p.sequence, p.id))
            planned = sum(plans.mapped('amount'))
            if not currency.compare_amounts(planned, document.amount_total):
                continue
            invoiced = plans.filtered(lambda p: p.invoice_id and p.invoice_id.state != 'cancel')
            free = plans - invoiced
            remaining = document.amount_total - sum(invoiced.mapped('amount'))
            if currency.compare_amounts(remaining, 0.0) < 0:
                raise UserError(_('%(name)s: %(invoiced)s is invoiced already, more than the new amount %(total)s.')
                                % {'name': document.name,
                                   'invoiced': formatLang(self.env, sum(invoiced.mapped('amount')),
                                                          currency_obj=currency),
                                   'total': formatLang(self.env, document.amount_total, currency_obj=currency)})
            before = document._payment_plan_text()
            commands = []
            if not free and currency.compare_amounts(remaining, 0.0) > 0:
                commands.append((0, 0, {'name': _('Balance'), 'amount': remaining, 'trigger': 'date',
                                        'due_date': max(plans.mapped('due_date') or [False]) or
                                        fields.Date.context_today(self), 'sequence': plans[-1].sequence + 1}))
            weights = sum(free.mapped('amount'))
            left = remaining
            for index, plan in enumerate(free):
                share = left if index == len(free) - 1 else currency.round(remaining * plan.amount / weights)
                left -= share
                commands.append((1, plan.id, {'amount': share}) if not currency.is_zero(share) else (2, plan.id))
            super(PaymentPlanHolder, document.sudo()).write({'payment_plan_ids': commands})
            document._check_payment_plan_total()
            after = document._payment_plan_text()
            document.message_post(body=_('Payment plan rebalanced to the new amount.<br/>Before: %(before)s<br/>'
                                         'After: %(after)s') % {'before': before, 'after': after},
                                  subtype='mail.mt_note')
            changes[document] = (before, after)
        return changes

    def _payment_plan_text(self):
        return '; '.join('%s %s' % (plan.name, formatLang(self.env, plan.amount, currency_obj=self.currency_id))
                         for plan in self.payment_plan_ids.sorted(lambda p: (p.sequence, p.id)))

    @api.multi
    def action_generate_payment_plan(self):
        """Replace the instalments by those of the template (before any is invoiced)."""
        for document in self:
            if not document.payment_plan_template_id:
                raise UserError(_('Choose the payment plan template of %s first.') % document.name)
            if document.payment_plan_ids.filtered('invoice_id'):
                raise UserError(_('%s has invoiced instalments: its plan is no longer generated.') % document.name)
            document._generate_payment_plan()
        return True

    def _generate_payment_plan(self):
        self.ensure_one()
        start = fields.Date.from_string(self._payment_plan_start_date())
        values = self.payment_plan_template_id._instalment_values(self.amount_total, self.currency_id)
        for instalment in values:
            if instalment['trigger'] == 'date':
                instalment['due_date'] = fields.Date.to_string(start + timedelta(days=instalment['days_after']))
        self._write_payment_plan([(5, 0, 0)] + [(0, 0, instalment) for instalment in values])
        self._payment_plan_triggered()

    def _payment_plan_start_date(self):
        return fields.Date.context_today(self)

    def _payment_plan_triggered(self):
        """Hook: set the due dates of the instalments whose trigger has happened already."""
        return True
