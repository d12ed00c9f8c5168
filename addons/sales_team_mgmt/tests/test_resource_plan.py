import math
from datetime import date, datetime

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.addons.sales_funnel.tests.common import FunnelCase


class TestResourcePlan(FunnelCase):
    """Resource plan arithmetic on a small history built through the opportunities' own methods (so that the
    stage history and the conversion report are the real ones), checked against a direct computation."""

    @classmethod
    def setUpClass(cls):
        super(TestResourcePlan, cls).setUpClass()
        try:
            cls._build_history()
        except Exception:
            # unittest skips tearDownClass after a failed setUpClass: release the test cursor (and its locks)
            super(TestResourcePlan, cls).tearDownClass()
            raise

    @classmethod
    def _build_history(cls):
        cls.company.forecast_min_history = 3
        # (owner, team, amount, moves): a stage, 'won' or 'lost' after the first stage (意向)
        paths = [
            ('甲', cls.sales_east, cls.team_east, 100000, [cls.l_quote, cls.l_signing, 'won']),
            ('乙', cls.sales_east2, cls.team_east, 300000, [cls.l_quote, cls.l_signing, 'won']),
            ('丙', cls.sales_east, cls.team_east, 200000, [cls.l_quote, 'lost']),
            ('丁', cls.sales_east2, cls.team_east, 50000, ['lost']),
            ('戊', cls.sales_east, cls.team_east, 80000, [cls.l_quote, cls.l_signing, 'lost']),
            ('己', cls.sales_east, cls.team_east, 120000, [cls.l_quote]),
            ('庚', cls.sales_east2, cls.team_east, 60000, []),
            ('辛', cls.sales_east2, cls.team_east, 90000, [cls.l_quote, cls.l_signing]),
            ('壬', cls.sales_east, cls.team_east, 40000, []),
            ('癸', cls.sales_south, cls.team_south, 1000000, [cls.l_quote, cls.l_signing, 'won']),
        ]
        Lead = cls.env['crm.lead']
        reason = cls.env['crm.lost.reason'].create({'name': '测试资源计划预算取消'})
        for name, owner, team, amount, moves in paths:
            lead = Lead.sudo(owner).create({
                'name': '测试资源计划商机' + name, 'type': 'opportunity', 'partner_id': cls.customer.id,
                'opportunity_type_id': cls.type_upsell.id, 'planned_revenue': amount, 'team_id': team.id})
            for move in moves:
                if isinstance(move, str) and move == 'lost':
                    lead.write({'lost_reason': reason.id})
                    lead.action_set_lost()
                else:
                    lead.write({'stage_id': (cls.l_won if isinstance(move, str) else move).id})
        today = date.today()
        cls.date_from = fields.Date.to_string(today.replace(day=1))
        cls.date_to = fields.Date.to_string(today.replace(day=1) + relativedelta(months=3, days=-1))

        # Campaigns: spend of the last 12 months over the leads created with them in that time.
        Campaign = cls.env['utm.campaign']
        cls.fair = Campaign.create({'name': '测试资源计划工博会'})
        cls.ads = Campaign.create({'name': '测试资源计划百度推广'})
        Cost = cls.env['sales.campaign.cost']
        long_ago = fields.Date.to_string(today - relativedelta(months=13))
        Cost.create({'campaign_id': cls.fair.id, 'amount': 30000, 'note': '展位费'})
        Cost.create({'campaign_id': cls.fair.id, 'amount': 10000, 'date': long_ago, 'note': '去年展位费'})
        Cost.create({'campaign_id': cls.ads.id, 'amount': 20000})
        cls.campaign_leads = Lead
        for index, campaign in enumerate([cls.fair, cls.fair, cls.fair, cls.ads, cls.ads, cls.ads]):
            cls.campaign_leads |= Lead.create({'name': '测试资源计划线索%s' % index, 'type': 'lead',
                                               'campaign_id': campaign.id})
        # an old lead of the campaign does not count, a converted one does
        cls.env.cr.execute("UPDATE crm_lead SET create_date = %s WHERE id = %s",
                           [long_ago, cls.campaign_leads[-1].id])
        cls.campaign_leads[0].write({'date_conversion': fields.Datetime.now()})
        Lead.invalidate_cache()

    def _plan(self, user=None, **values):
        vals = {'name': '测试资源计划', 'sales_method_id': self.loose.id, 'target_amount': 1000000,
                'date_from': self.date_from, 'date_to': self.date_to, 'team_id': self.team_east.id,
                'user_id': False}
        vals.update(values)
        return self.env['sales.resource.plan'].sudo(user or self.manager).create(vals)

    def _direct_lead_rate(self):
        """Share of the company's leads of the last 12 months that became opportunities (ORM, not SQL)."""
        start = fields.Datetime.to_string(datetime.now() - relativedelta(months=12))
        leads = self.env['crm.lead'].with_context(active_test=False).search([
            ('company_id', '=', self.company.id), ('create_date', '>=', start),
            '|', ('type', '=', 'lead'), ('date_conversion', '!=', False)])
        converted = leads.filtered('date_conversion')
        return 100.0 * len(converted) / len(leads)

    def test_team_plan_against_direct_computation(self):
        plan = self._plan()
        plan.sudo(self.team_lead).action_compute()
        self.assertEqual(plan.state, 'computed')
        # won by the team in the last 12 months: 甲 100,000 and 乙 300,000 (癸 is another team's)
        self.assertEqual((plan.average_deal_size, plan.deal_size_source, plan.won_history_count),
                         (200000, 'scope', 2))
        self.assertEqual(plan.required_won_count, 5)
        # company history per stage (entered / closed / won): 意向 10/6/3, 报价 7/5/3, 签约 5/4/3
        rates = {self.l_intent: 50.0, self.l_quote: 60.0, self.l_signing: 75.0, self.l_won: 100.0}
        expected_required = {stage: int(math.ceil(5 * 100.0 / rate - 1e-9)) for stage, rate in rates.items()}
        self.assertEqual(expected_required, {self.l_intent: 10, self.l_quote: 9, self.l_signing: 7, self.l_won: 5})
        self.assertEqual(list(plan.line_ids.mapped('stage_id')),
                         [self.l_intent, self.l_quote, self.l_signing, self.l_won], 'in pipeline order')
        # open now in the team: 庚 60,000 and 壬 40,000 at 意向, 己 at 报价, 辛 at 签约; won in the period 甲 and 乙
        pipeline = {self.l_intent: (2, 100000), self.l_quote: (1, 120000), self.l_signing: (1, 90000),
                    self.l_won: (2, 400000)}
        for line in plan.line_ids:
            self.assertAlmostEqual(line.conversion_rate, rates[line.stage_id], places=1, msg=line.stage_id.name)
            self.assertEqual(line.rate_source, 'won' if line.stage_id == self.l_won else 'history')
            self.assertEqual(line.required_count, expected_required[line.stage_id], line.stage_id.name)
            self.assertEqual((line.pipeline_count, line.pipeline_amount), pipeline[line.stage_id])
            self.assertEqual(line.gap_count, expected_required[line.stage_id] - pipeline[line.stage_id][0])
        expected = 60000 * 0.5 + 40000 * 0.5 + 120000 * 0.6 + 90000 * 0.75
        self.assertAlmostEqual(plan.expected_amount, expected)
        self.assertEqual((plan.won_count, plan.won_amount), (2, 400000))
        self.assertAlmostEqual(plan.gap_amount, 1000000 - 400000 - expected)

        # leads: 10 opportunities at the first stage over the lead conversion rate, spread over 3 months
        lead_rate = self._direct_lead_rate()
        self.assertAlmostEqual(plan.lead_conversion_rate, lead_rate, places=1)
        required_leads = int(math.ceil(10 * 100.0 / lead_rate - 1e-9))
        self.assertEqual(plan.required_lead_count, required_leads)
        self.assertEqual(plan.month_count, 3)
        self.assertEqual(plan.leads_per_month, int(math.ceil(required_leads / 3.0 - 1e-9)))
        # campaigns: 50,000 of the last 12 months over their 5 leads of that time
        self.assertEqual((plan.campaign_spend, plan.campaign_lead_count, plan.cost_per_lead), (50000, 5, 10000))
        self.assertAlmostEqual(plan.required_spend, required_leads * 10000)

    def test_team_members_equal_shares_and_own_pipeline(self):
        plan = self._plan()
        plan.sudo(self.team_lead).action_compute()
        members = {member.user_id: member for member in plan.member_ids}
        self.assertEqual(set(members), {self.sales_east, self.sales_east2, self.team_lead})
        third = round(1000000 / 3.0, 2)
        for member in members.values():
            self.assertAlmostEqual(member.share, 100.0 / 3, places=1)
            self.assertAlmostEqual(member.target_amount, third)
            self.assertEqual(member.required_won_count, 2)
        east, east2, lead = members[self.sales_east], members[self.sales_east2], members[self.team_lead]
        # 张伟: won 甲; open 己 (报价) and 壬 (意向)
        self.assertEqual((east.won_count, east.won_amount, east.pipeline_count, east.pipeline_amount),
                         (1, 100000, 2, 160000))
        self.assertAlmostEqual(east.expected_amount, 120000 * 0.6 + 40000 * 0.5)
        self.assertAlmostEqual(east.gap_amount, third - 100000 - 92000)
        self.assertEqual(east.gap_deal_count, 1)
        # 赵敏: won 乙; open 庚 (意向) and 辛 (签约): ahead of the target, no further deals needed
        self.assertAlmostEqual(east2.expected_amount, 60000 * 0.5 + 90000 * 0.75)
        self.assertLess(east2.gap_amount, 0)
        self.assertEqual(east2.gap_deal_count, 0)
        self.assertEqual((lead.pipeline_count, lead.gap_deal_count), (0, 2))

    def test_plan_target_gives_target_period_and_shares(self):
        sales_plan = self.env['sales.plan'].create({'name': '测试资源计划年度计划', 'year': 2026})
        Line = self.env['sales.plan.line']
        team_line = Line.create({'plan_id': sales_plan.id, 'team_id': self.team_east.id, 'target': 900000})
        east_line = Line.create({'plan_id': sales_plan.id, 'parent_id': team_line.id, 'team_id': self.team_east.id,
                                 'user_id': self.sales_east.id, 'target': 600000})
        Line.create({'plan_id': sales_plan.id, 'parent_id': team_line.id, 'team_id': self.team_east.id,
                     'user_id': self.sales_east2.id, 'target': 300000})
        # the person's split into quarters does not count twice
        east_line.split_over_periods('quarter')
        # over RPC: only the plan target given
        plan = self.env['sales.resource.plan'].sudo(self.team_lead).create({
            'name': '测试资源计划按计划', 'sales_method_id': self.loose.id, 'plan_line_id': team_line.id,
            'user_id': False})
        self.assertEqual((plan.target_amount, plan.date_from, plan.date_to, plan.team_id),
                         (900000, '2026-01-01', '2026-12-31', self.team_east))
        plan.action_compute()
        self.assertEqual(plan.month_count, 12)
        shares = {member.user_id: (round(member.share, 1), member.target_amount) for member in plan.member_ids}
        self.assertEqual(shares, {self.sales_east: (66.7, 600000), self.sales_east2: (33.3, 300000)})
        # the form's onchange fills the same
        draft = self.env['sales.resource.plan'].new({'plan_line_id': east_line.id})
        draft._onchange_plan_line_id()
        self.assertEqual((draft.target_amount, draft.user_id), (600000, self.sales_east))

    def test_deal_size_falls_back_to_company(self):
        plan = self._plan(team_id=False, user_id=self.team_lead.id)
        plan.action_compute()
        # the team lead won nothing: the company's 甲, 乙 and 癸
        self.assertEqual(plan.deal_size_source, 'company')
        self.assertAlmostEqual(plan.average_deal_size, 1400000 / 3.0, places=2)
        self.assertEqual(plan.required_won_count, 3)
        self.assertEqual(plan.member_ids.mapped('user_id'), self.team_lead)

    def test_bad_input_is_refused_and_changes_nothing(self):
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self._plan(target_amount=0)
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self._plan(date_from=self.date_to, date_to=self.date_from)
        plan = self._plan()
        plan.action_compute()
        with self.assertRaises(ValidationError), self.cr.savepoint():
            plan.write({'target_amount': -5})
        plan.invalidate_cache()
        self.assertEqual((plan.state, plan.target_amount, len(plan.line_ids)), ('computed', 1000000, 4))
        # a method without stages, or without any won history
        bare = self.env['crm.sales.method'].create({'name': '测试无阶段', 'company_id': self.company.id})
        plan.write({'sales_method_id': bare.id})
        self.assertEqual((plan.state, len(plan.line_ids)), ('draft', 0), 'a changed input makes the figures stale')
        with self.assertRaises(UserError), self.cr.savepoint():
            plan.action_compute()
        self.assertEqual(plan.state, 'draft')
        plan.write({'sales_method_id': self.strict.id})
        with self.assertRaisesRegex(UserError, 'was won in the last 12 months'), self.cr.savepoint():
            plan.action_compute()
        self.assertFalse(plan.line_ids)
        # figures come from the Compute button only
        with self.assertRaises(UserError), self.cr.savepoint():
            plan.sudo(self.manager).write({'required_won_count': 1})

    def test_access_own_team_director(self):
        own = self._plan(user=self.sales_east, team_id=False, user_id=self.sales_east.id)
        own.sudo(self.sales_east).action_compute()
        self.assertEqual(own.sudo(self.sales_east).member_ids.mapped('user_id'), self.sales_east)
        self.assertEqual(own.sudo(self.sales_east).required_won_count, 10, '1,000,000 at his 100,000 a deal')
        # a colleague neither reads nor computes it
        with self.assertRaises(AccessError):
            own.sudo(self.sales_east2).read(['name'])
        with self.assertRaises(AccessError):
            own.sudo(self.sales_east2).action_compute()
        self.assertFalse(self.env['sales.resource.plan.line'].sudo(self.sales_east2).search(
            [('plan_id', '=', own.id)]))
        with self.assertRaises(AccessError), self.cr.savepoint():
            self._plan(user=self.sales_east2, team_id=False, user_id=self.sales_east.id)
        with self.assertRaises(AccessError):
            self.env['sales.resource.plan.line'].sudo(self.sales_east).create({
                'plan_id': own.id, 'stage_id': self.l_intent.id, 'required_count': 1})
        # the team plan: the team lead and the director, not a salesperson of the team
        team_plan = self._plan()
        team_plan.sudo(self.team_lead).action_compute()
        self.assertEqual(len(team_plan.sudo(self.manager).line_ids), 4)
        with self.assertRaises(AccessError):
            team_plan.sudo(self.sales_east).read(['name'])
        Plan = self.env['sales.resource.plan']
        self.assertEqual(Plan.sudo(self.team_lead).search([('id', 'in', (own | team_plan).ids)]), own | team_plan)
        self.assertEqual(Plan.sudo(self.sales_east).search([('id', 'in', (own | team_plan).ids)]), own)
        # campaign costs: the director records them, salespeople only read them
        with self.assertRaises(AccessError):
            self.env['sales.campaign.cost'].sudo(self.sales_east).create({'campaign_id': self.ads.id, 'amount': 1})
