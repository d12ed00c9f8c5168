import xlrd

from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression
from odoo.tools.safe_eval import safe_eval

from odoo.addons.crm_lifecycle.tests.common import create_user

from .test_sales_console import ConsoleCase


class TestAnalysisExport(ConsoleCase):
    """The Excel export of the analysis holds what read_group gives the user, grouped as asked."""

    def _wizard(self, user, **values):
        return self.env['sales.analysis.export'].sudo(user).create(dict({'subject': 'opportunities'}, **values))

    def _field(self, model, name):
        return self.env['ir.model.fields'].search([('model', '=', model), ('name', '=', name)])

    def _sheet_rows(self, wizard):
        content, file_type = self.env.ref('sales_team_mgmt.sales_analysis_xlsx').sudo(
            wizard.env.user).render(wizard.ids, {})
        self.assertEqual(file_type, 'xlsx')
        sheet = xlrd.open_workbook(file_contents=content).sheet_by_index(0)
        return [sheet.row_values(row) for row in range(2, sheet.nrows)]

    def test_export_matches_read_group_as_the_user(self):
        wizard = self._wizard(self.seller_a, groupby_field_id=self._field('crm.lead', 'stage_id').id)
        rows = self._sheet_rows(wizard)
        self.assertEqual(rows[0], ['Stage', 'Count', 'Expected Revenue'])
        groups = self.env['crm.lead'].sudo(self.seller_a).with_context(active_test=False).read_group(
            [('type', '=', 'opportunity')], ['stage_id', 'planned_revenue'], ['stage_id'], lazy=False)
        expected = [[group['stage_id'][1] if group['stage_id'] else 'Undefined', group['__count'],
                     group['planned_revenue']] for group in groups]
        self.assertEqual(rows[1:], expected)
        by_stage = {row[0]: row for row in rows[1:]}
        self.assertNotIn(self.stage_c.name, by_stage, 'an opportunity of another team is not his to export')
        self.assertEqual(by_stage[self.stage_new.name][1:], [1, 100000.0])
        manager = create_user(self.env, 'test_console_director', '测试台总监', ['sales_team.group_sale_manager'])
        manager_rows = self._sheet_rows(self._wizard(manager, groupby_field_id=self._field(
            'crm.lead', 'stage_id').id))
        self.assertIn([self.stage_c.name, 1, 70000.0], manager_rows)

    def test_saved_filter_gives_domain_and_groupings(self):
        saved = self.env.ref('sales_team_mgmt.analysis_opportunity_filter_comparison_team')
        wizard = self._wizard(self.leader, filter_id=saved.id, ranking=True)
        headers, rows = wizard._grid()
        team_label = self.env['crm.lead']._fields['team_id'].string
        self.assertEqual(headers, [team_label, 'Stage', 'Count', 'Expected Revenue'])
        self.assertIn([self.team.name, self.stage_quote.name, 1, 200000.0], rows)
        self.assertIn([self.sub_team.name, self.stage_quote.name, 1, 40000.0], rows)
        self.assertNotIn(999999.0, [row[3] for row in rows], 'the filter keeps open opportunities only')
        counts = [row[2] for row in rows]
        self.assertEqual(counts, sorted(counts, reverse=True), 'ranking: largest first')

    def test_months_and_two_groupings(self):
        wizard = self._wizard(self.seller_a, subject='customers',
                              groupby_field_id=self._field('res.partner', 'create_date').id, groupby_interval='year',
                              groupby2_field_id=self._field('res.partner', 'user_id').id)
        headers, rows = wizard._grid()
        self.assertEqual(headers[1:], ['Salesperson', 'Count'])
        groups = self.env['res.partner'].sudo(self.seller_a).read_group(
            [('customer', '=', True), ('parent_id', '=', False)], ['create_date', 'user_id'],
            ['create_date:year', 'user_id'], lazy=False)
        self.assertEqual(sum(row[2] for row in rows), sum(group['__count'] for group in groups))
        self.assertEqual(len(rows), len(groups))

    def test_bad_requests_are_refused(self):
        with self.assertRaises(ValidationError):
            self._wizard(self.seller_a, groupby_field_id=self._field('sale.report', 'categ_id').id)
        with self.assertRaises(ValidationError):
            self._wizard(self.seller_a, filter_id=self.env.ref(
                'sales_team_mgmt.analysis_sale_filter_trend_month').id)
        with self.assertRaises(UserError):
            self._wizard(self.seller_a).action_export()

    def test_every_saved_filter_reads_as_a_salesperson(self):
        """Each status / composition / trend / comparison / ranking view of the Analysis menu opens for a
        salesperson (what the browser does when he picks it) and exports."""
        filters = self.env['ir.filters'].search([('action_id', '!=', False)]).filtered(
            lambda f: f.get_external_id()[f.id].startswith('sales_team_mgmt.analysis_'))
        self.assertGreaterEqual(len(filters), 30)
        subjects = {'analysis_customer_action': 'customers', 'analysis_lead_action': 'leads',
                    'analysis_opportunity_action': 'opportunities', 'analysis_sale_action': 'sales',
                    'analysis_employee_action': 'employees', 'analysis_product_action': 'products'}
        for xmlid in subjects:
            action = self.env.ref('sales_team_mgmt.' + xmlid)
            views = self.env[action.res_model].sudo(self.seller_a).load_views(action.views + [(False, 'search')])
            self.assertEqual(set(views['fields_views']), {'pivot', 'graph', 'search'})
        for saved in filters:
            action = self.env['ir.actions.act_window'].browse(saved.action_id.id)
            model = self.env[action.res_model].sudo(self.seller_a).with_context(**safe_eval(action.context))
            domain = expression.AND([safe_eval(action.domain or '[]'), saved._get_eval_domain()])
            groupbys = safe_eval(saved.context)['group_by']
            model.read_group(domain, [groupby.split(':')[0] for groupby in groupbys], groupbys, lazy=False)
            subject = subjects[action.get_external_id()[action.id].split('.')[1]]
            wizard = self._wizard(self.seller_a, subject=subject, filter_id=saved.id)
            self.assertTrue(self._sheet_rows(wizard), saved.name)
