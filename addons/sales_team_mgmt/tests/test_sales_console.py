from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests.common import SavepointCase

from odoo.addons.crm_lifecycle.tests.common import create_user


def _day(days):
    return fields.Date.to_string(fields.Date.from_string(fields.Date.today()) + timedelta(days=days))


class ConsoleCase(SavepointCase):
    """A team (lead + two salespeople, one in a sub-team) and an outsider, each with a little of everything."""

    @classmethod
    def setUpClass(cls):
        super(ConsoleCase, cls).setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang='en_US', tracking_disable=True))
        Team = cls.env['crm.team']
        cls.leader = create_user(cls.env, 'test_console_lead', '测试台主管', ['sales_team.group_sale_salesman_all_leads'])
        cls.team = Team.create({'name': '测试台华东区', 'user_id': cls.leader.id})
        # He leads the sub-team too: the opportunity rules of sales_funnel let a lead see the teams he leads.
        cls.sub_team = Team.create({'name': '测试台苏南组', 'parent_id': cls.team.id, 'user_id': cls.leader.id})
        cls.other_team = Team.create({'name': '测试台华南区'})
        cls.seller_a = create_user(cls.env, 'test_console_a', '测试台甲', ['sales_team.group_sale_salesman'],
                                   sale_team_id=cls.team.id)
        cls.seller_b = create_user(cls.env, 'test_console_b', '测试台乙', ['sales_team.group_sale_salesman'],
                                   sale_team_id=cls.sub_team.id)
        cls.seller_c = create_user(cls.env, 'test_console_c', '测试台丙', ['sales_team.group_sale_salesman'],
                                   sale_team_id=cls.other_team.id)
        cls.customer = cls.env['res.partner'].create({'name': '测试台客户', 'is_company': True, 'customer': True})
        cls.stage_new = cls.env['crm.stage'].create({'name': '测试台初步接触', 'sequence': 901})
        cls.stage_quote = cls.env['crm.stage'].create({'name': '测试台报价', 'sequence': 902})
        cls.stage_c = cls.env['crm.stage'].create({'name': '测试台华南专用', 'sequence': 903})

        cls.lead_a1 = cls._opportunity(cls.seller_a, cls.team, cls.stage_new, 100000, 20)
        cls.lead_a2 = cls._opportunity(cls.seller_a, cls.team, cls.stage_quote, 200000, 50)
        cls.lead_a_won = cls._opportunity(cls.seller_a, cls.team, cls.stage_quote, 999999, 100)
        cls.lead_b = cls._opportunity(cls.seller_b, cls.sub_team, cls.stage_quote, 40000, 50)
        cls.lead_c = cls._opportunity(cls.seller_c, cls.other_team, cls.stage_c, 70000, 10)

        for user, lead in ((cls.seller_a, cls.lead_a1), (cls.seller_b, cls.lead_b), (cls.seller_c, cls.lead_c)):
            cls._activity(user, lead, 0)
        cls._activity(cls.seller_a, cls.lead_a1, -3)
        cls._activity(cls.seller_a, cls.lead_a2, 5)

        # A pending review of seller a; one already decided does not count.
        model = cls.env['ir.model']._get('crm.lead')
        definition = cls.env['tier.definition'].create({
            'name': '测试台审批', 'model_id': model.id, 'review_type': 'individual', 'reviewer_id': cls.seller_a.id})
        Review = cls.env['tier.review']
        Review.create({'definition_id': definition.id, 'model': 'crm.lead', 'res_id': cls.lead_b.id})
        Review.create({'definition_id': definition.id, 'model': 'crm.lead', 'res_id': cls.lead_c.id,
                       'status': 'approved'})

        contract_type = cls.env['sale.contract.type'].create({'name': '测试台合同'})
        for user, team, amounts in ((cls.seller_a, cls.team, (30000.0, 50000.0, 20000.0)),
                                    (cls.seller_b, cls.sub_team, (1000.0, 2000.0, 3000.0)),
                                    (cls.seller_c, cls.other_team, (7000.0, 8000.0, 9000.0))):
            cls.env['sale.contract'].sudo(user).create({
                'title': '测试台合同', 'partner_id': cls.customer.id, 'contract_type_id': contract_type.id,
                'user_id': user.id, 'team_id': team.id, 'amount_total': sum(amounts),
                'payment_plan_ids': [
                    (0, 0, {'name': '预付款', 'amount': amounts[0], 'trigger': 'date', 'due_date': _day(-5)}),
                    (0, 0, {'name': '发货款', 'amount': amounts[1], 'trigger': 'date', 'due_date': _day(10)}),
                    (0, 0, {'name': '尾款', 'amount': amounts[2], 'trigger': 'date', 'due_date': _day(60)}),
                ]})

        Exception_ = cls.env['crm.lead.exception']
        for lead in (cls.lead_a1, cls.lead_b, cls.lead_c):
            Exception_.create({'lead_id': lead.id, 'exception_type': 'stalled', 'user_id': lead.user_id.id,
                               'team_id': lead.team_id.id, 'company_id': lead.company_id.id})

        # Targets in force this year: new customers of seller a (yearly and monthly) and of the team.
        year = fields.Date.from_string(fields.Date.today()).year
        plan = cls.env['sales.plan'].create({'name': '测试台计划', 'year': year, 'team_id': cls.team.id})
        Line = cls.env['sales.plan.line']
        cls.team_line = Line.create({'plan_id': plan.id, 'team_id': cls.team.id, 'metric': 'new_customers',
                                     'target': 240})
        cls.a_line = Line.create({'plan_id': plan.id, 'team_id': cls.team.id, 'user_id': cls.seller_a.id,
                                  'metric': 'new_customers', 'target': 120, 'parent_id': cls.team_line.id})
        Line.create({'plan_id': plan.id, 'team_id': cls.sub_team.id, 'user_id': cls.seller_b.id,
                     'metric': 'new_customers', 'target': 120, 'parent_id': cls.team_line.id})
        cls.a_line.split_over_periods('month')
        cls.env.cr.execute("UPDATE sales_plan SET state = 'executing' WHERE id = %s", [plan.id])
        cls.env['res.partner'].create({'name': '测试台新客户', 'is_company': True, 'customer': True,
                                       'user_id': cls.seller_a.id, 'team_id': cls.team.id})
        cls.env['sales.plan.attainment'].invalidate_cache()

    @classmethod
    def _opportunity(cls, user, team, stage, revenue, probability):
        lead = cls.env['crm.lead'].create({
            'name': '测试台商机 %s %s' % (user.name, revenue), 'type': 'opportunity', 'partner_id': cls.customer.id,
            'user_id': user.id, 'team_id': team.id, 'planned_revenue': revenue, 'probability': probability})
        # Straight into the stage: the stage rules of the sales methods are not what is tested here.
        cls.env.cr.execute('UPDATE crm_lead SET stage_id = %s WHERE id = %s', [stage.id, lead.id])
        lead.invalidate_cache()
        return lead

    @classmethod
    def _activity(cls, user, lead, days):
        return cls.env['mail.activity'].create({
            'res_model_id': cls.env['ir.model']._get('crm.lead').id, 'res_id': lead.id, 'user_id': user.id,
            'activity_type_id': cls.env.ref('mail.mail_activity_data_todo').id, 'summary': '测试台跟进',
            'date_deadline': _day(days)})

    def _console(self, user, scope='mine'):
        return self.env['sales.console'].sudo(user).create({'scope': scope})

    def _opened(self, console, method):
        """The records the block's button lists, searched as the console's user."""
        action = getattr(console, method)()
        return self.env[action['res_model']].sudo(console.env.user).search(action['domain'])


class TestSalesConsole(ConsoleCase):

    def test_salesperson_sees_his_own_figures(self):
        console = self._console(self.seller_a)
        self.assertEqual(console.activity_today_count, 1)
        self.assertEqual(console.activity_overdue_count, 1)
        self.assertEqual(console.review_count, 1)
        self.assertEqual(console.pipeline_count, 2, 'won and colleagues\' opportunities are not his pipeline')
        self.assertAlmostEqual(console.pipeline_amount, 300000.0)
        self.assertAlmostEqual(console.pipeline_weighted, 100000 * 0.2 + 200000 * 0.5)
        self.assertIn(self.stage_quote.name, console.pipeline_html)
        self.assertIn('200,000.00', console.pipeline_html)
        self.assertNotIn(self.stage_c.name, console.pipeline_html)
        self.assertEqual(console.instalment_due_count, 1)
        self.assertAlmostEqual(console.instalment_due_amount, 50000.0)
        self.assertEqual(console.instalment_overdue_count, 1)
        self.assertAlmostEqual(console.instalment_overdue_amount, 30000.0)
        self.assertEqual(console.exception_count, 1)
        self.assertEqual(console.target_year_count, 1)
        self.assertEqual(console.target_month_count, 1)
        # Year: target 120, 1 new customer; month: 10 and 1.
        self.assertIn('120.00', console.target_html)
        self.assertIn('10.0%', console.target_html)

    def test_buttons_open_what_is_counted(self):
        console = self._console(self.seller_a)
        self.assertEqual(self._opened(console, 'action_open_pipeline'), self.lead_a1 | self.lead_a2)
        self.assertEqual(self._opened(console, 'action_open_exception').mapped('lead_id'), self.lead_a1)
        self.assertEqual(self._opened(console, 'action_open_review').mapped('res_id'), [self.lead_b.id])
        due = self._opened(console, 'action_open_instalment_due')
        self.assertEqual((due.mapped('name'), due.mapped('user_id')), (['发货款'], self.seller_a))
        self.assertEqual(self._opened(console, 'action_open_instalment_overdue').mapped('name'), ['预付款'])
        self.assertEqual(self._opened(console, 'action_open_activity_overdue').mapped('res_id'), [self.lead_a1.id])
        self.assertEqual(self._opened(console, 'action_open_target_year').mapped('line_id'), self.a_line)
        for method, count in (('action_open_activity_today', 'activity_today_count'),
                              ('action_open_target_month', 'target_month_count'),
                              ('action_open_plan_approval', 'plan_approval_count')):
            self.assertEqual(len(self._opened(console, method)), console[count], method)

    def test_team_scope_of_a_leader(self):
        mine = self._console(self.leader)
        self.assertEqual((mine.pipeline_count, mine.exception_count, mine.activity_today_count), (0, 0, 0))
        leader_reviews = mine.review_count  # demo reviews of groups he is in
        team = self._console(self.leader, 'team')
        self.assertEqual(team.pipeline_count, 3, 'his team and its sub-team, not the other team')
        self.assertAlmostEqual(team.pipeline_amount, 340000.0)
        self.assertEqual(self._opened(team, 'action_open_pipeline'), self.lead_a1 | self.lead_a2 | self.lead_b)
        self.assertEqual(team.activity_today_count, 2)
        self.assertEqual(team.activity_overdue_count, 1)
        self.assertEqual(team.exception_count, 2)
        self.assertEqual(team.instalment_due_count, 2)
        self.assertAlmostEqual(team.instalment_due_amount, 52000.0)
        self.assertAlmostEqual(team.instalment_overdue_amount, 31000.0)
        self.assertEqual(team.review_count, leader_reviews + 1, 'his own and those of seller a')
        self.assertEqual(self._opened(team, 'action_open_target_year').mapped('line_id'), self.team_line,
                         'the team\'s own target, not again those of its people')
        self.assertIn('240.00', team.target_html)

    def test_company_scope_of_the_director(self):
        director = create_user(self.env, 'test_console_director', '测试台总监', ['sales_team.group_sale_manager'])
        console = self._console(director, 'company')
        self.assertEqual((console.is_leader, console.is_director), (True, True))
        pipeline = self._opened(console, 'action_open_pipeline')
        self.assertEqual(len(pipeline), console.pipeline_count)
        leads = self.lead_a1 | self.lead_a2 | self.lead_b | self.lead_c
        self.assertEqual(leads & pipeline, leads, 'every team of the company')
        self.assertNotIn(self.lead_a_won, pipeline)
        self.assertGreaterEqual(console.exception_count, 3)
        self.assertGreaterEqual(console.instalment_due_count, 3)
        targets = self._opened(console, 'action_open_target_year').mapped('line_id')
        self.assertIn(self.team_line, targets, 'the top team\'s target')
        self.assertNotIn(self.a_line, targets, 'not again the targets of its people')
        for user in (self.leader, self.seller_a):
            with self.assertRaises(UserError):
                self._console(user, 'company')

    def test_team_scope_switched_in_the_form_with_paid_instalments(self):
        """The director or a team lead switches the console to 我的团队 in the form (an onchange) while an
        instalment of the team is invoiced and partly paid: the console shows it, no access error."""
        contract = self.env['sale.contract'].search([('user_id', '=', self.seller_a.id), ('title', '=', '测试台合同')])
        contract.action_submit()
        contract.action_approve()
        contract.action_sign()
        advance = contract.payment_plan_ids.filtered(lambda plan: plan.name == '预付款')
        advance.action_create_invoice()
        advance.register_payment(10000.0)
        console = self._console(self.leader)
        fields_spec = {name: '' for name in console._fields}
        fields_spec['scope'] = '1'
        values = {name: (value[0] if isinstance(value, tuple) else value)
                  for name, value in console.read(list(console._fields))[0].items()}
        values['scope'] = 'team'
        result = console.onchange(values, 'scope', fields_spec)
        self.assertAlmostEqual(result['value']['instalment_overdue_amount'], 21000.0,
                               'the team\'s overdue instalments: 20 000 of the advance still open, and 1 000')

    def test_salesperson_has_no_team_scope(self):
        with self.assertRaises(UserError):
            self._console(self.seller_a, 'team')
        console = self._console(self.seller_a)
        self.assertFalse(console.is_leader)
        with self.assertRaises(UserError), self.cr.savepoint():
            console.write({'scope': 'team'})
        self.assertEqual(console.scope, 'mine')
        self.assertTrue(self._console(self.leader).is_leader)

    def test_console_is_personal(self):
        console = self._console(self.seller_a)
        with self.assertRaises(AccessError):
            console.sudo(self.seller_c).read(['pipeline_count'])
        action = self.env.ref('sales_team_mgmt.sales_console_action_server').sudo(self.seller_c).run()
        own = self.env['sales.console'].sudo(self.seller_c).browse(action['res_id'])
        view = own.fields_view_get(action['views'][0][0], 'form')
        self.assertIn('action_open_pipeline', view['arch'])
        self.assertEqual((own.create_uid, own.pipeline_count, own.exception_count), (self.seller_c, 1, 1))

    def test_figures_follow_record_rules(self):
        """Figures are read as the user: a record his rules hide is not counted, even in his scope."""
        self.env['ir.rule'].create({
            'name': 'test: no exceptions of stage quote',
            'model_id': self.env['ir.model']._get('crm.lead.exception').id,
            'domain_force': "[('lead_id.stage_id', '!=', %d)]" % self.stage_quote.id,
            'groups': [(4, self.env.ref('sales_team.group_sale_salesman_all_leads').id)]})
        team = self._console(self.leader, 'team')
        self.assertEqual(team.exception_count, 1, 'the exception of seller b (stage quote) is hidden from him')
        self.assertEqual(self._console(self.seller_a).exception_count, 1)
