from collections import defaultdict
from datetime import datetime, timedelta

import xlrd

from odoo import fields

from .common import FunnelCase


class TestFunnelAnalytics(FunnelCase):
    """The funnel, win/loss, conversion and forecast views agree with a straightforward Python computation
    over the stage history of a small, known set of opportunities moved through the loose method."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.leads = cls.env['crm.lead']
        # (name, owner, amount, [(stage or 'lost' or 'won', days spent before that move)])
        paths = [
            ('赢单甲', cls.sales_east, 100000, [(cls.l_quote, 2), (cls.l_signing, 5), ('won', 3)]),
            ('输单乙', cls.sales_east, 200000, [(cls.l_quote, 4), ('lost', 6)]),
            ('输单丙', cls.sales_east2, 300000, [('lost', 1)]),
            ('进行丁', cls.sales_east2, 400000, [(cls.l_quote, 8)]),
            ('输单戊', cls.sales_east2, 500000, [(cls.l_quote, 2), ('lost', 2)]),
        ]
        for name, owner, amount, path in paths:
            lead = cls._opportunity_as(owner, name, amount)
            for target, days in path:
                cls._age(lead, days)
                as_owner = lead.sudo(owner)
                if not isinstance(target, str):
                    as_owner.write({'stage_id': target.id})
                elif target == 'lost':
                    as_owner.action_set_lost()
                else:
                    as_owner.write({'stage_id': cls.l_won.id})
            cls.leads |= lead
        cls.history = cls.env['crm.lead.stage.history'].search([('lead_id', 'in', cls.leads.ids)], order='id')

    @classmethod
    def _opportunity_as(cls, user, name, amount):
        return cls.env['crm.lead'].sudo(user).create({
            'name': name, 'type': 'opportunity', 'partner_id': cls.customer.id, 'planned_revenue': amount,
            'opportunity_type_id': cls.type_upsell.id, 'team_id': cls.team_east.id}).sudo()

    @classmethod
    def _age(cls, lead, days):
        """Make the opportunity have spent ``days`` in its current stage: its past moves happened ``days``
        earlier."""
        when = fields.Datetime.to_string(datetime.now() - timedelta(days=days))
        cls.env.cr.execute("UPDATE crm_lead SET date_last_stage_update = %s WHERE id = %s", [when, lead.id])
        cls.env.cr.execute("UPDATE crm_lead_stage_history SET date = date - %s * INTERVAL '1 day' WHERE lead_id = %s",
                           [days, lead.id])
        lead.invalidate_cache()

    def _python_funnel(self):
        """Per stage: opportunities that entered it, share of them that reached a later stage, average days
        of those that left it, how many were lost there."""
        entered, left_days, lost, reached = defaultdict(set), defaultdict(lambda: defaultdict(float)), \
            defaultdict(set), defaultdict(int)
        for row in self.history:
            if row.to_stage_id:
                entered[row.to_stage_id].add(row.lead_id)
                reached[row.lead_id] = max(reached[row.lead_id], row.to_stage_id.sequence)
            if row.from_stage_id:
                left_days[row.from_stage_id][row.lead_id] += row.days_in_previous_stage
                if row.event == 'lost':
                    lost[row.from_stage_id].add(row.lead_id)
        result = {}
        for stage, leads in entered.items():
            days = list(left_days[stage].values())
            result[stage] = {
                'count': len(leads),
                'promotion': None if stage.probability >= 100 else
                100.0 * len([lead for lead in leads if reached[lead] > stage.sequence]) / len(leads),
                'days': sum(days) / len(days) if days else None,
                'lost': len(lost[stage]),
            }
        return result

    def test_funnel_report_agrees_with_python(self):
        expected = self._python_funnel()
        self.assertEqual(expected[self.l_intent]['count'], 5)
        self.assertAlmostEqual(expected[self.l_intent]['promotion'], 80.0)
        self.assertEqual(expected[self.l_quote]['lost'], 2)
        groups = self.env['crm.funnel.report'].read_group(
            [('lead_id', 'in', self.leads.ids)],
            ['stage_id', 'opportunity_count', 'promotion_rate', 'days_in_stage', 'lost_count'], ['stage_id'])
        self.assertEqual(len(groups), len(expected))
        for group in groups:
            stage = self.env['crm.stage'].browse(group['stage_id'][0])
            self.assertEqual(group['opportunity_count'], expected[stage]['count'], stage.name)
            self.assertEqual(group['lost_count'], expected[stage]['lost'], stage.name)
            if expected[stage]['promotion'] is None:
                self.assertFalse(group['promotion_rate'])
            else:
                self.assertAlmostEqual(group['promotion_rate'], expected[stage]['promotion'], places=1)
            if expected[stage]['days'] is not None:
                self.assertAlmostEqual(group['days_in_stage'], expected[stage]['days'], places=1)
        # each salesperson against the company: the pivot's total row is the company
        by_user = self.env['crm.funnel.report'].read_group(
            [('lead_id', 'in', self.leads.ids), ('stage_id', '=', self.l_intent.id)],
            ['user_id', 'promotion_rate'], ['user_id'])
        self.assertEqual({group['user_id'][0]: round(group['promotion_rate']) for group in by_user},
                         {self.sales_east.id: 100, self.sales_east2.id: 67})

    def test_outcome_and_win_rate(self):
        Outcome = self.env['crm.funnel.outcome.report']
        rows = Outcome.search([('lead_id', 'in', self.leads.ids)])
        self.assertEqual(sorted(rows.mapped('outcome')), ['lost', 'lost', 'lost', 'open', 'won'])
        won = rows.filtered(lambda row: row.outcome == 'won')
        self.assertAlmostEqual(won.cycle_days, 10, places=0)
        self.assertEqual(won.won_amount, 100000)
        self.assertEqual(set(rows.filtered(lambda row: row.outcome == 'lost').mapped('lost_stage_id')),
                         {self.l_intent, self.l_quote})
        groups = Outcome.read_group([('lead_id', 'in', self.leads.ids), ('outcome', '!=', 'open')],
                                    ['user_id', 'win_rate'], ['user_id'])
        rates = {group['user_id'][0]: group['win_rate'] for group in groups}
        self.assertAlmostEqual(rates[self.sales_east.id], 50.0)
        self.assertAlmostEqual(rates[self.sales_east2.id], 0.0)

    def test_conversion_rates_and_forecast(self):
        conversions = self.env['crm.stage.conversion.report'].search(
            [('stage_id', '=', self.l_quote.id), ('company_id', '=', self.company.id)])
        # entered the quote stage: 甲 (won), 乙 (lost), 丁 (open), 戊 (lost)
        self.assertEqual((conversions.entered_count, conversions.closed_count, conversions.won_count), (4, 3, 1))
        self.assertAlmostEqual(conversions.historical_rate, 100.0 / 3, places=1)
        self.company.forecast_min_history = 10
        forecast = self.env['crm.forecast.report'].search([('lead_id', '=', self.leads[3].id)])
        self.assertEqual(forecast.amount, 400000)
        self.assertAlmostEqual(forecast.weighted_stage_amount, 240000)
        self.assertAlmostEqual(forecast.weighted_history_amount, 240000, msg='thin history: the stage probability')
        self.company.forecast_min_history = 3
        self.env['crm.forecast.report'].invalidate_cache()
        forecast = self.env['crm.forecast.report'].search([('lead_id', '=', self.leads[3].id)])
        self.assertAlmostEqual(forecast.weighted_history_amount, 400000 / 3.0, places=0)
        self.assertFalse(self.env['crm.forecast.report'].search([('lead_id', 'in', self.leads[:3].ids)]),
                         'closed opportunities are not forecast')

    def test_analysis_wizard_and_excel(self):
        expense_type = self.env['crm.lead.expense.type'].create({'name': '测试差旅费'})
        self.env['crm.lead.expense'].create({'lead_id': self.leads[0].id, 'expense_type_id': expense_type.id,
                                             'amount': 20000})
        wizard = self.env['crm.funnel.analysis.wizard'].sudo(self.team_lead).create({
            'date_from': False, 'date_to': False, 'team_id': self.team_east.id,
            'sales_method_id': self.loose.id})
        wizard.action_compute()
        lines = {line.stage_id: line for line in wizard.stage_line_ids}
        expected = self._python_funnel()
        self.assertEqual(lines[self.l_intent].opportunity_count, expected[self.l_intent]['count'])
        self.assertEqual(lines[self.l_quote].lost_count, 2)
        self.assertEqual(wizard.most_lost_stage_id, self.l_quote)
        users = {line.user_id: line for line in wizard.user_line_ids}
        self.assertAlmostEqual(users[self.sales_east].win_rate, 50.0)
        self.assertAlmostEqual(wizard.company_win_rate, 25.0)
        self.assertAlmostEqual(users[self.sales_east].win_rate_vs_company, 25.0)
        # 张伟 won 100,000 for 20,000 of expenses
        self.assertEqual(users[self.sales_east].cost, 20000)
        self.assertAlmostEqual(users[self.sales_east].roi, 400.0)
        content, file_type = self.env.ref('sales_funnel.crm_funnel_analysis_xlsx').sudo(
            self.team_lead).render(wizard.ids)
        self.assertEqual(file_type, 'xlsx')
        book = xlrd.open_workbook(file_contents=content)
        values = [cell.value for row in range(book.sheet_by_index(0).nrows)
                  for cell in book.sheet_by_index(0).row(row)]
        self.assertIn(self.l_quote.name, values)
        self.assertIn(self.sales_east.name, [cell.value for cell in book.sheet_by_index(1).col(0)])
