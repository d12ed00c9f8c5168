from lxml import etree

from odoo.tests.common import SavepointCase
from odoo.tools.safe_eval import safe_eval

from .common import create_user

SEARCH_GROUP_BYS = ('customer_category_id', 'customer_stage_id', 'region_id', 'user_id', 'customer_source_id',
                    'create_date:month')


class TestCustomer360(SavepointCase):
    """The customer form as the web client opens it: smart-button counts, tabs, and a cost in queries that
    does not depend on how many follow-ups, activities, opportunities, ownership and points lines it shows."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team = cls.env['crm.team'].create({'name': '测试360华东组'})
        cls.other_team = cls.env['crm.team'].create({'name': '测试360华南组'})
        cls.salesperson = create_user(cls.env, 'test_360_sales', '测试360销售员',
                                      ['sales_team.group_sale_salesman'], sale_team_id=cls.team.id)
        cls.other_salesperson = create_user(cls.env, 'test_360_other_sales', '测试360华南销售员',
                                            ['sales_team.group_sale_salesman'], sale_team_id=cls.other_team.id)
        cls.team_lead = create_user(cls.env, 'test_360_lead', '测试360组长',
                                    ['sales_team.group_sale_salesman_all_leads'], sale_team_id=cls.team.id)
        cls.team.user_id = cls.team_lead
        cls.small = cls._customer_with_history('测试360一号贸易有限公司', 1)
        cls.large = cls._customer_with_history('测试360三十号贸易有限公司', 30)
        cls.other_customer = cls.env['res.partner'].create({
            'name': '测试360华南机电有限公司', 'is_company': True, 'customer': True,
            'user_id': cls.other_salesperson.id, 'team_id': cls.other_team.id})

    @classmethod
    def _customer_with_history(cls, name, count):
        """A customer of the salesperson with ``count`` contacts, follow-ups, opportunities (half of them on a
        contact), open activities, ownership history lines and loyalty point lines."""
        env = cls.env
        Partner = env['res.partner']
        customer = Partner.create({'name': name, 'is_company': True, 'customer': True,
                                   'user_id': cls.salesperson.id, 'team_id': cls.team.id})
        partner_model = env['ir.model']._get('res.partner')
        todo = env.ref('mail.mail_activity_data_todo')
        for number in range(count):
            contact = Partner.create({'name': '%s联系人%s' % (name, number), 'parent_id': customer.id})
            env['crm.customer.follow.up'].sudo(cls.salesperson).create({
                'partner_id': customer.id, 'contact_id': contact.id, 'content': '第%s次电话沟通' % number})
            env['crm.lead'].create({
                'name': '%s商机%s' % (name, number), 'type': 'opportunity', 'user_id': cls.salesperson.id,
                'partner_id': (contact if number % 2 else customer).id, 'team_id': cls.team.id})
            env['mail.activity'].create({
                'res_model_id': partner_model.id, 'res_id': customer.id, 'activity_type_id': todo.id,
                'user_id': cls.salesperson.id, 'summary': '回访%s' % number})
            env['crm.customer.ownership'].sudo().create({
                'partner_id': customer.id, 'to_user_id': cls.salesperson.id, 'action': 'assign',
                'reason': '测试分配%s' % number, 'user_id': cls.team_lead.id})
            customer.sudo().award_loyalty_points(10, 'Test award %s' % number)
        return customer

    def _open_form(self, customer, user):
        """What the web client reads to show the form: the form's fields, then the lines of every x2many
        with the fields of its list (kanban for the contacts; the tags only by name)."""
        view = self.env['res.partner'].sudo(user).fields_view_get(view_type='form')
        record = customer.sudo(user)
        record.invalidate_cache()
        values = record.read(list(view['fields']))[0]
        lines = {}
        for name, field in view['fields'].items():
            if field['type'] not in ('one2many', 'many2many'):
                continue
            subviews = field.get('views') or {}
            subview = subviews.get('tree') or subviews.get('kanban')
            subfields = list(subview['fields']) if subview else ['display_name']
            lines[name] = self.env[field['relation']].sudo(user).browse(values[name]).read(subfields)
        return view, values, lines

    def _count_form_queries(self, customer, user):
        start = self.cr.sql_log_count
        self._open_form(customer, user)
        return self.cr.sql_log_count - start

    def test_smart_button_counts(self):
        counts = ['follow_up_count', 'open_activity_count', 'opportunity_count', 'ownership_history_count',
                  'loyalty_points']
        # both customers in one read: each gets its own counts from the batch queries
        rows = {row['id']: row for row in (self.small | self.large).sudo(self.salesperson).read(counts)}
        self.assertEqual([rows[self.small.id][name] for name in counts], [1, 1, 1, 1, 10])
        self.assertEqual([rows[self.large.id][name] for name in counts], [30, 30, 30, 30, 300])
        # one query per count for the whole batch, not one per customer (a list or kanban of customers)
        customers = (self.large | self.small).sudo(self.salesperson)
        customers.read(counts)
        queries = []
        for batch in (customers[:1], customers):
            batch.invalidate_cache()
            start = self.cr.sql_log_count
            batch.read(counts)
            queries.append(self.cr.sql_log_count - start)
        self.assertEqual(queries[1], queries[0], 'counts of two customers cost the queries of one')
        # the Activities button lists them
        action = self.large.sudo(self.salesperson).action_view_activities()
        activities = self.env[action['res_model']].sudo(self.salesperson).search(action['domain'])
        self.assertEqual(len(activities), 30)
        self.assertEqual(set(activities.mapped('res_id')), {self.large.id})
        # a contact counts only his own opportunities, as in crm
        contact = self.large.child_ids.filtered(lambda partner: partner.opportunity_count)[:1]
        self.assertEqual(contact.sudo(self.salesperson).opportunity_count, 1)

    def test_form_shows_the_customer_360_tabs(self):
        view, values, lines = self._open_form(self.large, self.salesperson)
        arch = etree.fromstring(view['arch'])
        pages = [page.get('name') for page in arch.xpath('//notebook/page') if page.get('name')]
        customer_pages = ['follow_ups', 'customer_360_documents', 'loyalty_points', 'attributes',
                          'ownership_history', 'internal_notes']
        self.assertEqual([page for page in pages if page in customer_pages], customer_pages)
        for field in ('follow_up_ids', 'ownership_history_ids', 'loyalty_line_ids', 'child_ids'):
            self.assertEqual(len(lines[field]), 30, field)
        self.assertEqual(values['open_activity_count'], 30)

    def test_opening_the_form_costs_the_same_with_30_lines_per_tab(self):
        # first opening fills the caches (views, access rules, translations) for both
        self._open_form(self.small, self.salesperson)
        self._open_form(self.large, self.salesperson)
        small = self._count_form_queries(self.small, self.salesperson)
        large = self._count_form_queries(self.large, self.salesperson)
        self.assertEqual(large, small, 'opening a customer with 30 lines per tab must not cost more queries than '
                                       'with one (%s vs %s)' % (large, small))

    def test_user_without_sales_group_opens_customer_form(self):
        """An accountant (or any employee without a sales group) opens a customer: the sales-only fields
        (ownership history, follow-ups, points lines) are left out of his form instead of refusing it."""
        groups = ['account.group_account_invoice'] if self.env.ref('account.group_account_invoice', False) else []
        accountant = create_user(self.env, 'test_360_accountant', '测试360会计', groups)
        view, values, lines = self._open_form(self.large, accountant)
        self.assertEqual(values['name'], self.large.name)
        self.assertEqual(values['open_activity_count'], 30)
        for field in ('ownership_history_ids', 'ownership_history_count', 'follow_up_ids', 'loyalty_line_ids'):
            self.assertNotIn(field, view['fields'])

    def test_customer_views_and_menus(self):
        Menu = self.env['ir.ui.menu']

        def visible_menus(user):
            return Menu.sudo(user)._visible_menu_ids()

        xmlids = ['menu_crm_my_customers', 'menu_crm_public_pool', 'menu_crm_all_customers',
                  'menu_crm_customer_follow_up', 'menu_crm_customer_analysis']
        menus = {xmlid: self.env.ref('crm_lifecycle.%s' % xmlid).id for xmlid in xmlids}
        report_menu = self.env.ref('crm.crm_menu_report').id
        sales_menus = visible_menus(self.salesperson)
        self.assertEqual({xmlid for xmlid, menu in menus.items() if menu in sales_menus},
                         {'menu_crm_my_customers', 'menu_crm_public_pool', 'menu_crm_customer_follow_up'})
        lead_menus = visible_menus(self.team_lead)
        self.assertTrue(set(menus.values()) <= lead_menus)
        self.assertIn(report_menu, lead_menus, 'team leads reach CRM ▸ Reporting ▸ Customer Analysis')

        for xmlid in ('action_my_customers', 'action_public_pool', 'action_all_customers'):
            views = [view_type for _view_id, view_type in self.env.ref('crm_lifecycle.%s' % xmlid).read()[0]['views']]
            self.assertEqual(set(views), {'kanban', 'tree', 'form', 'pivot', 'graph'}, xmlid)
        analysis = self.env.ref('crm_lifecycle.action_customer_analysis').read()[0]
        self.assertEqual([view_type for _view_id, view_type in analysis['views']][:2], ['pivot', 'graph'])

        search = etree.fromstring(self.env['res.partner'].sudo(self.team_lead).fields_view_get(
            view_type='search')['arch'])
        group_bys = {safe_eval(node.get('context')).get('group_by') for node in search.iter('filter')
                     if 'group_by' in (node.get('context') or '')}
        self.assertTrue(set(SEARCH_GROUP_BYS) <= group_bys, set(SEARCH_GROUP_BYS) - group_bys)

    def test_team_lead_analyses_his_teams_customers(self):
        domain = [('is_company', '=', True), ('customer', '=', True),
                  ('id', 'in', (self.small | self.large | self.other_customer).ids)]
        Partner = self.env['res.partner'].sudo(self.team_lead)
        for group_by in SEARCH_GROUP_BYS:
            groups = Partner.read_group(domain, [group_by.split(':')[0]], [group_by], lazy=False)
            self.assertEqual(sum(group['__count'] for group in groups), 2, group_by)
        by_owner = Partner.read_group(domain, ['user_id'], ['user_id'])
        self.assertEqual([group['user_id'][0] for group in by_owner], [self.salesperson.id],
                         'another team\'s customer is not in the team lead\'s analysis')
