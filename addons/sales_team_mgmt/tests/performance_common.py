"""A small, known month of sales (March 2026) for the performance and ranking tests: opportunities moved through
the sales_funnel methods (so the stage history is written by the model), contracts, invoices and payments."""
from datetime import datetime

from odoo import fields
from odoo.addons.contract_mgmt.models.sale_contract import LOCKED_STATES
from odoo.addons.sales_funnel.tests.common import FunnelCase

from .common import create_invoice, register_payment

MONTH_START, MONTH_END = '2026-03-01', '2026-03-31'
# The opportunities' history is moved into the test month as a whole, keeping the days between the moves.
HISTORY_ANCHOR = datetime(2026, 3, 20, 12, 0, 0)


class PerformanceCase(FunnelCase):

    @classmethod
    def setUpClass(cls):
        super(PerformanceCase, cls).setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        Team = cls.env['crm.team']
        cls.region = cls.env['crm.customer.region'].create({'name': '测试绩效华东', 'company_id': cls.company.id})
        cls.department = Team.create({'name': '测试绩效销售部', 'company_id': cls.company.id})
        cls.team_east.write({'parent_id': cls.department.id, 'region_id': cls.region.id})
        cls.team_south.write({'parent_id': cls.department.id})
        cls.contract_type = cls.env['sale.contract.type'].create({'name': '测试绩效合同'})

        # (owner, amount, [(stage, 'won' or 'lost'; days spent before that move)])
        paths = [
            (cls.sales_east, 100000, [(cls.l_quote, 2), (cls.l_signing, 5), ('won', 3)]),
            (cls.sales_east, 300000, [(cls.l_quote, 1), (cls.l_signing, 2), ('won', 4)]),
            (cls.sales_east, 200000, [(cls.l_quote, 4), ('lost', 6)]),
            (cls.sales_east2, 300000, [('lost', 1)]),
            (cls.sales_east2, 400000, [(cls.l_quote, 8), ('lost', 2)]),
            (cls.sales_east2, 500000, [(cls.l_quote, 2), ('lost', 2)]),
            (cls.sales_east2, 250000, [(cls.l_quote, 3), (cls.l_signing, 3), ('won', 1)]),
            (cls.sales_south, 80000, [('lost', 3)]),
        ]
        cls.lost_reason = cls.env['crm.lost.reason'].create({'name': '测试绩效预算取消'})
        cls.leads = cls.env['crm.lead']
        for index, (owner, amount, path) in enumerate(paths):
            lead = cls.env['crm.lead'].sudo(owner).create({
                'name': '测试绩效商机%s' % index, 'type': 'opportunity', 'partner_id': cls.customer.id,
                'planned_revenue': amount, 'opportunity_type_id': cls.type_upsell.id,
                'team_id': owner.sale_team_id.id}).sudo()
            for target, days in path:
                cls._age(lead, days)
                as_owner = lead.sudo(owner)
                if not isinstance(target, str):
                    as_owner.write({'stage_id': target.id})
                elif target == 'lost':
                    as_owner.write({'lost_reason': cls.lost_reason.id, 'probability': 0, 'active': False})
                else:
                    as_owner.write({'stage_id': cls.l_won.id})
            cls.leads |= lead
        now = fields.Datetime.from_string(fields.Datetime.now())
        cls.env.cr.execute("UPDATE crm_lead_stage_history SET date = date + %s WHERE lead_id IN %s",
                           [HISTORY_ANCHOR - now, tuple(cls.leads.ids)])
        cls.env['crm.lead.stage.history'].invalidate_cache()

        # Contracts signed in March (and one in February, one draft: neither counts for March).
        cls._contract(cls.sales_east, 150000, '2026-03-05')
        cls._contract(cls.sales_east, 30000, '2026-03-28')
        cls._contract(cls.sales_east2, 50000, '2026-03-06')
        cls._contract(cls.sales_east2, 70000, '2026-02-27')
        cls._contract(cls.sales_east, 90000, '2026-03-07', sign=False)
        cls._contract(cls.sales_south, 20000, '2026-03-08')

        # Invoices minus credit notes by invoice date; collections by payment date.
        invoice = cls._invoice(cls.sales_east, 80000, '2026-03-01')
        cls._invoice(cls.sales_east, 5000, '2026-03-20', kind='out_refund')
        cls._pay(invoice, 30000, '2026-03-25')
        cls._pay(invoice, 20000, '2026-04-05')
        invoice2 = cls._invoice(cls.sales_east2, 40000, '2026-03-10')
        cls._pay(invoice2, 40000, '2026-03-12')

        # The quota: sales_east's yearly signed-amount target spread over the months of an approved plan.
        cls.plan = cls.env['sales.plan'].create({'name': '测试绩效计划', 'year': 2026, 'team_id': cls.team_east.id})
        yearly = cls.env['sales.plan.line'].create({
            'plan_id': cls.plan.id, 'user_id': cls.sales_east.id, 'team_id': cls.team_east.id,
            'metric': 'signed_amount', 'target': 1300000})
        cls.months = yearly.split_over_periods('month', [1, 1, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1])
        cls.plan.action_submit()
        cls.plan.action_approve()

    @classmethod
    def _age(cls, lead, days):
        """The opportunity has spent ``days`` in its current stage: its past moves happened ``days`` earlier."""
        cls.env.cr.execute("UPDATE crm_lead SET date_last_stage_update = date_last_stage_update - %s * INTERVAL "
                           "'1 day' WHERE id = %s", [days, lead.id])
        cls.env.cr.execute("UPDATE crm_lead_stage_history SET date = date - %s * INTERVAL '1 day' WHERE lead_id = %s",
                           [days, lead.id])
        lead.invalidate_cache()

    @classmethod
    def _contract(cls, user, amount, sign_date, sign=True):
        contract = cls.env['sale.contract'].create({
            'title': '测试绩效合同', 'partner_id': cls.customer.id, 'contract_type_id': cls.contract_type.id,
            'user_id': user.id, 'team_id': user.sale_team_id.id, 'amount_total': amount, 'sign_date': sign_date})
        if sign:
            contract.action_submit()
            if contract.state != 'approved':
                contract.sudo(cls.manager).action_approve()
            contract.action_sign()
        return contract

    @classmethod
    def _invoice(cls, user, amount, date, kind='out_invoice'):
        return create_invoice(cls.env, cls.customer, user, amount, date, kind)

    @classmethod
    def _pay(cls, invoice, amount, date):
        return register_payment(invoice, amount, date)

    # ------------------------------------------------------------------ the same figures in Python

    def _month_history(self, user=None):
        domain = [('company_id', '=', self.company.id), ('date', '>=', MONTH_START + ' 00:00:00'),
                  ('date', '<=', MONTH_END + ' 23:59:59')]
        if user:
            domain.append(('user_id', '=', user.id))
        return self.env['crm.lead.stage.history'].search(domain)

    def _expected(self, user):
        """The March figures of ``user`` computed from the documents, not the view."""
        signed = sum(self.env['sale.contract'].search([
            ('user_id', '=', user.id), ('state', 'in', list(LOCKED_STATES)),
            ('sign_date', '>=', MONTH_START), ('sign_date', '<=', MONTH_END)]).mapped('amount_total'))
        quota = sum(self.env['sales.plan.line'].search([
            ('user_id', '=', user.id), ('metric', '=', 'signed_amount'), ('plan_id.state', '!=', 'draft'),
            ('date_start', '=', MONTH_START), ('date_end', '=', MONTH_END)]).mapped('target'))
        history = self._month_history(user)
        won = history.filtered(lambda row: row.event == 'won')
        lost = history.filtered(lambda row: row.event == 'lost')
        invoices = self.env['account.invoice'].search([
            ('user_id', '=', user.id), ('type', 'in', ('out_invoice', 'out_refund')), ('state', 'in', ('open', 'paid')),
            ('date_invoice', '>=', MONTH_START), ('date_invoice', '<=', MONTH_END)])
        invoiced = sum(i.amount_total * (-1 if i.type == 'out_refund' else 1) for i in invoices)
        payments = self.env['account.payment'].search([
            ('state', '=', 'posted'), ('payment_date', '>=', MONTH_START), ('payment_date', '<=', MONTH_END),
            ('invoice_ids.user_id', '=', user.id)])
        collected = sum(payments.mapped('amount'))

        def days(later, earlier):
            delta = fields.Datetime.from_string(later) - fields.Datetime.from_string(earlier)
            return delta.total_seconds() / 86400.0

        def average(values):
            return sum(values) / len(values) if values else None

        def promotions(rows):
            return [row.days_in_previous_stage for row in rows
                    if row.event in ('stage', 'won') and row.from_stage_id]
        cycles = [days(row.date, min(row.lead_id.stage_history_ids.mapped('date'))) for row in won]
        promotion = average(promotions(history))
        company_promotion = average(promotions(self._month_history()))
        return {
            'quota_target': quota, 'signed_amount': signed,
            'quota_attainment': 100.0 * signed / quota if quota else None,
            'won_count': len(won), 'lost_count': len(lost),
            'win_rate': 100.0 * len(won) / (len(won) + len(lost)) if won or lost else None,
            'won_amount': sum(won.mapped('amount')),
            'average_deal_size': sum(won.mapped('amount')) / len(won) if won else None,
            'invoiced_amount': invoiced, 'collected_amount': collected,
            'collection_rate': 100.0 * collected / invoiced if invoiced else None,
            'sales_cycle_days': average(cycles),
            'promotion_days': promotion, 'company_promotion_days': company_promotion,
            'promotion_ratio': promotion / company_promotion if promotion is not None and company_promotion
            else None,
        }
