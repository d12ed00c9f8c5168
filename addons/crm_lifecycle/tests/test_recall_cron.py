from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.tests.common import SavepointCase

from .common import create_user


class TestRecallCron(SavepointCase):
    """Customers past their category's limits return to the public pool; their owners are warned once before."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.user.company_id
        cls.company.recall_warning_days = 7
        cls.company.customer_reclaim_cooldown_days = 30
        salesman = ['sales_team.group_sale_salesman']
        cls.salesman = create_user(cls.env, 'test_recall_sales', '测试回收张三', salesman)
        cls.colleague = create_user(cls.env, 'test_recall_other', '测试回收李四', salesman)
        Category = cls.env['crm.customer.category']
        cls.follow_up_category = Category.create({
            'name': '测试回收跟进类', 'code': 'TRF', 'recall_days_without_follow_up': 30, 'recall_days_without_won': 0})
        cls.won_category = Category.create({
            'name': '测试回收成交类', 'code': 'TRW', 'recall_days_without_follow_up': 0, 'recall_days_without_won': 90})
        cls.now = fields.Datetime.from_string(fields.Datetime.now())

    def _customer(self, name, category=None, owner=None):
        return self.env['res.partner'].create({
            'name': name, 'is_company': True, 'customer': True,
            'customer_category_id': (category or self.follow_up_category).id,
            'user_id': (owner or self.salesman).id})

    def _age(self, customer, owner_days=None, follow_up_days=None):
        """Move the customer's owner-since and last follow-up dates back by so many days (as stored)."""
        for column, days in (('owner_since_date', owner_days), ('last_follow_up_date', follow_up_days)):
            if days is not None:
                self.env.cr.execute('UPDATE res_partner SET %s = %%s WHERE id = %%s' % column,
                                    (self.now - timedelta(days=days), customer.id))
        customer.invalidate_cache()

    def _won_deal(self, customer, days_ago, partner=None):
        lead = self.env['crm.lead'].create({'name': '测试成交商机', 'type': 'opportunity',
                                            'partner_id': (partner or customer).id, 'user_id': self.salesman.id})
        lead.action_set_won()
        self.env.cr.execute('UPDATE crm_lead SET date_closed = %s WHERE id = %s',
                            (self.now - timedelta(days=days_ago), lead.id))
        return lead

    def _run(self):
        self.env['res.partner']._cron_recall_customers_to_pool()
        self.env['res.partner'].invalidate_cache()

    def _warnings(self, customer):
        return self.env['mail.activity'].search([
            ('res_model', '=', 'res.partner'), ('res_id', '=', customer.id), ('user_id', '=', self.salesman.id)])

    def test_recalled_after_days_without_follow_up(self):
        customer = self._customer('测试久未跟进有限公司')
        self._age(customer, owner_days=60, follow_up_days=31)
        kept = self._customer('测试刚跟进有限公司')
        self._age(kept, owner_days=60, follow_up_days=10)
        self._run()
        self.assertTrue(customer.in_public_pool)
        self.assertFalse(customer.owner_since_date)
        recall = customer.ownership_history_ids
        self.assertEqual(recall.mapped('action'), ['recall'])
        self.assertEqual(recall.from_user_id, self.salesman)
        self.assertIn('30', recall.reason)
        self.assertEqual(customer.pool_release_reason, recall.reason)
        self.assertEqual(kept.user_id, self.salesman)
        # Safe to re-run: nothing more happens.
        self._run()
        self.assertEqual(len(customer.ownership_history_ids), 1)
        self.assertFalse(kept.ownership_history_ids)

    def test_owner_since_counts_when_no_follow_up(self):
        customer = self._customer('测试从未跟进有限公司')
        self._age(customer, owner_days=29)
        self._run()
        self.assertEqual(customer.user_id, self.salesman, '29 days of 30: kept')
        self._age(customer, owner_days=31)
        self._run()
        self.assertTrue(customer.in_public_pool)

    def test_warning_once_before_recall(self):
        customer = self._customer('测试即将回收有限公司')
        self._age(customer, owner_days=60, follow_up_days=25)
        far = self._customer('测试尚早有限公司')
        self._age(far, owner_days=60, follow_up_days=20)
        self._run()
        self._run()
        warning = self._warnings(customer)
        self.assertEqual(len(warning), 1, 'recalled in 5 days: warned once, the re-run adds nothing')
        self.assertEqual(customer.user_id, self.salesman)
        recall_date = (self.now - timedelta(days=25) + timedelta(days=30)).date()
        self.assertEqual(warning.date_deadline, fields.Date.to_string(recall_date))
        self.assertIn('测试即将回收有限公司', warning.note)
        self.assertFalse(self._warnings(far), 'recalled in 10 days, more than the 7 days of warning')
        # Not followed up in time: recalled, and the warning goes with the customer.
        self._age(customer, follow_up_days=31)
        self._run()
        self.assertTrue(customer.in_public_pool)
        self.assertFalse(self._warnings(customer))

    def test_recent_won_deal_keeps_customer(self):
        won_recently = self._customer('测试近期成交有限公司', self.won_category)
        self._age(won_recently, owner_days=200)
        contact = self.env['res.partner'].create({'name': '测试成交联系人', 'parent_id': won_recently.id})
        self._won_deal(won_recently, days_ago=10, partner=contact)
        won_long_ago = self._customer('测试早年成交有限公司', self.won_category)
        self._age(won_long_ago, owner_days=200)
        self._won_deal(won_long_ago, days_ago=100)
        lost = self._customer('测试未成交有限公司', self.won_category)
        self._age(lost, owner_days=200)
        lost_lead = self.env['crm.lead'].create({'name': '测试丢单', 'type': 'opportunity', 'partner_id': lost.id})
        lost_lead.action_set_lost()
        self._run()
        self.assertEqual(won_recently.user_id, self.salesman, 'a deal won 10 days ago (by its contact) keeps it')
        self.assertTrue(won_long_ago.in_public_pool)
        self.assertTrue(lost.in_public_pool)
        self.assertIn('90', lost.ownership_history_ids.reason)

    def test_newly_claimed_customer_not_recalled(self):
        customer = self._customer('测试重新领取有限公司')
        self._age(customer, owner_days=100, follow_up_days=100)
        self._run()
        self.assertTrue(customer.in_public_pool)
        # The colleague claims it: his time starts now, the old follow-up date does not count against him.
        customer.sudo(self.colleague).action_claim()
        self.assertTrue(customer.owner_since_date)
        self._run()
        self.assertEqual(customer.user_id, self.colleague)
        self.assertFalse(self.env['mail.activity'].search([
            ('res_model', '=', 'res.partner'), ('res_id', '=', customer.id), ('user_id', '=', self.colleague.id)]))
        self.assertEqual(customer.ownership_history_ids.mapped('action'), ['claim', 'recall'])

    def test_rerun_in_batches(self):
        customers = self.env['res.partner']
        for number in range(5):
            customer = self._customer('测试批量回收%d有限公司' % number)
            self._age(customer, owner_days=40, follow_up_days=35)
            customers |= customer
        with patch('odoo.addons.crm_lifecycle.models.res_partner_recall.BATCH_SIZE', 2):
            self._run()
            self._run()
        self.assertTrue(all(customers.mapped('in_public_pool')))
        self.assertEqual(len(customers.mapped('ownership_history_ids')), 5, 'one recall each, none twice')

    def test_recall_note_and_reason_in_each_owners_language(self):
        """Recalled together, each customer gets its chatter note and the reason in its owner's language."""
        if not self.env['res.lang'].search([('code', '=', 'zh_CN')]):
            self.skipTest('zh_CN is not loaded')
        self.env['res.lang'].with_context(active_test=False).search([('code', '=', 'en_US')]).active = True
        self.salesman.lang = 'en_US'
        self.colleague.lang = 'zh_CN'
        english = self._customer('测试回收英文有限公司')
        chinese = self._customer('测试回收中文有限公司', owner=self.colleague)
        for customer in english | chinese:
            self._age(customer, owner_days=60, follow_up_days=40)
        self.env['res.partner'].with_context(lang='en_US')._cron_recall_customers_to_pool()
        self.env['res.partner'].invalidate_cache()
        self.assertTrue(english.in_public_pool and chinese.in_public_pool)
        self.assertEqual(english.pool_release_reason,
                         'Recalled by the category strategy: no follow-up for 30 days (category 测试回收跟进类).')
        self.assertEqual(chinese.pool_release_reason, '按客户类别策略收回：30 天未跟进（类别 测试回收跟进类）。')
        for customer, owner in ((english, self.salesman), (chinese, self.colleague)):
            self.assertEqual(customer.ownership_history_ids.reason, customer.pool_release_reason)
            notes = customer.message_ids.filtered(lambda message: 'Recalled to Pool' in (message.body or ''))
            self.assertEqual(len(notes), 1, 'one note on each recalled customer')
            self.assertIn('%s → Public Pool — %s' % (owner.name, customer.pool_release_reason), notes.body)
            self.assertEqual(notes.subtype_id, self.env.ref('mail.mt_note'))
