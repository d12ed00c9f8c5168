from odoo.exceptions import AccessError, UserError, ValidationError

from .common import FunnelCase


class TestLeadAssignmentAndConversion(FunnelCase):
    """Batch assignment of leads (one salesperson or round-robin over a team under the cap, all or
    nothing), the 撞单 check on conversion (block or warn per company, logged either way) and the
    products of interest."""

    def _leads(self, count, **values):
        vals = dict({'type': 'lead', 'user_id': False, 'team_id': self.team_east.id}, **values)
        return self.env['crm.lead'].browse([
            self.env['crm.lead'].create(dict(vals, name='测试批量线索%d' % index)).id for index in range(count)])

    def _assign(self, user, leads, **values):
        wizard = self.env['crm.lead.assign.wizard'].sudo(user).with_context(active_ids=leads.ids).create(values)
        return wizard.action_assign()

    def test_round_robin_least_loaded_first_and_cap(self):
        self.company.opportunity_claim_cap = 2
        self._opportunity(self.sales_east, self.type_upsell, name='已有商机')  # 张伟 holds one already
        opportunities = self._leads(3, type='opportunity', opportunity_type_id=self.type_upsell.id)
        self._assign(self.team_lead, opportunities, mode='round_robin', team_id=self.team_east.id)
        owners = opportunities.mapped('user_id')
        self.assertEqual(len(opportunities.filtered('user_id')), 3)
        counts = {user: len(opportunities.filtered(lambda lead: lead.user_id == user)) for user in owners}
        self.assertLessEqual(counts.get(self.sales_east, 0), 1, '张伟 is at one already: at most one more')
        # everybody at the cap now: nothing more is assigned, not even part of the leads
        more = self._leads(4, type='opportunity', opportunity_type_id=self.type_upsell.id)
        with self.assertRaisesRegex(UserError, 'limit of open opportunities'), self.cr.savepoint():
            self._assign(self.team_lead, more, mode='round_robin', team_id=self.team_east.id)
        self.assertFalse(more.filtered('user_id'))

    def test_leads_to_one_salesperson_by_role(self):
        leads = self._leads(2)
        self._assign(self.team_lead, leads, mode='user', user_id=self.sales_east2.id)
        self.assertEqual(leads.mapped('user_id'), self.sales_east2)
        self.assertTrue(leads[0].message_ids.filtered(lambda message: '测试漏斗刘洋' in (message.body or '')))
        with self.assertRaisesRegex(UserError, 'not a member of your sales team'), self.cr.savepoint():
            self._assign(self.team_lead, leads, mode='user', user_id=self.sales_south.id)
        with self.assertRaisesRegex(UserError, 'Only team leads'), self.cr.savepoint():
            self._assign(self.sales_east, leads, mode='user', user_id=self.sales_east.id)
        self._assign(self.manager, leads, mode='user', user_id=self.sales_south.id)
        self.assertEqual(leads.mapped('user_id'), self.sales_south)

    def _lead_of_colleague_customer(self):
        """A lead of 张伟 for a customer of the public pool on which 李娜 has an open opportunity."""
        customer = self.env['res.partner'].create({
            'name': '测试撞单南粤精工有限公司', 'is_company': True, 'customer': True, 'phone': '020-8123 4567'})
        self._opportunity(self.sales_south, self.type_upsell, name='南粤精工 设备更新', partner_id=customer.id)
        lead = self.env['crm.lead'].sudo(self.sales_east).create({
            'name': '展会线索 南粤精工', 'type': 'lead', 'partner_name': '南粤精工有限公司',
            'phone': '+86 20 8123 4567', 'opportunity_type_id': self.type_upsell.id})
        return lead, customer

    def test_conversion_blocks_per_company(self):
        self.company.opportunity_duplicate_mode = 'block'
        lead, customer = self._lead_of_colleague_customer()
        collisions = lead.find_conversion_collisions(customer)
        self.assertEqual([match['name'] for match in collisions['opportunities']], ['南粤精工 设备更新'])
        self.assertEqual(collisions['opportunities'][0]['owner'], '测试漏斗李娜')
        with self.assertRaisesRegex(UserError, '南粤精工 设备更新'), self.cr.savepoint():
            lead.sudo(self.sales_east).convert_opportunity(customer.id)
        self.assertEqual(lead.type, 'lead')
        # a new customer like the colleague's customer (same phone): blocked too, though he cannot read it
        customer.sudo().write({'user_id': self.sales_south.id})
        with self.assertRaisesRegex(UserError, '测试撞单南粤精工有限公司'), self.cr.savepoint():
            lead.sudo(self.sales_east).convert_opportunity(False)

    def test_conversion_warns_and_logs(self):
        self.company.opportunity_duplicate_mode = 'warn'
        lead, customer = self._lead_of_colleague_customer()
        lead.sudo(self.sales_east).convert_opportunity(customer.id)
        self.assertEqual(lead.type, 'opportunity')
        note = lead.message_ids.filtered(lambda message: '撞单' in (message.body or ''))
        self.assertTrue(note)
        self.assertIn('南粤精工 设备更新', note[0].body)
        self.assertIn('测试漏斗李娜', note[0].body)
        clean = self.env['crm.lead'].sudo(self.sales_east).create({
            'name': '全新线索', 'type': 'lead', 'partner_name': '测试全新无重复贸易有限公司'})
        clean.convert_opportunity(False)
        self.assertTrue(clean.message_ids.filtered(lambda message: 'nothing found' in (message.body or '')))

    def test_products_of_interest(self):
        product = self.env['product.product'].create({'name': '测试伺服电机', 'lst_price': 3200})
        lead = self._opportunity(self.sales_east, self.type_upsell)
        line = self.env['crm.lead.product'].sudo(self.sales_east).create(
            {'lead_id': lead.id, 'product_id': product.id, 'quantity': 10, 'price_unit': 3000})
        self.assertEqual(line.amount, 30000)
        with self.assertRaises(ValidationError), self.cr.savepoint():
            line.sudo(self.sales_east).write({'quantity': 0})
        # a colleague cannot add to it (refused by the record rule, or by the constraint that reads it)
        with self.assertRaises((AccessError, ValidationError)), self.cr.savepoint():
            self.env['crm.lead.product'].sudo(self.sales_south).create(
                {'lead_id': lead.id, 'product_id': product.id, 'quantity': 1})
