from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests.common import SavepointCase

from .common import create_user


class TestLoyaltyPoints(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang='en_US'))
        cls.salesperson = create_user(cls.env, 'test_loyalty_sales', '测试积分销售员',
                                      ['sales_team.group_sale_salesman', 'base.group_partner_manager'])
        cls.manager = create_user(cls.env, 'test_loyalty_manager', '测试积分总监',
                                  ['sales_team.group_sale_manager', 'base.group_partner_manager'])
        cls.customer = cls.env['res.partner'].create({
            'name': '测试积分机电贸易有限公司', 'is_company': True, 'customer': True,
            'user_id': cls.salesperson.id})
        cls.contact = cls.env['res.partner'].create({'name': '钱采购', 'parent_id': cls.customer.id})
        # stands for the collected payment a later module awards points for
        cls.payment = cls.env['crm.lead'].create({'name': '测试回款', 'partner_id': cls.customer.id})
        cls.other_payment = cls.env['crm.lead'].create({'name': '测试回款二', 'partner_id': cls.customer.id})

    def _stored_balance(self, partner):
        self.cr.execute('SELECT loyalty_points FROM res_partner WHERE id = %s', (partner.id,))
        return self.cr.fetchone()[0]

    def _adjust(self, user, points, reason):
        wizard = self.env['crm.loyalty.adjust.wizard'].sudo(user).with_context(
            active_model='res.partner', active_id=self.customer.id).create({'points': points, 'reason': reason})
        return wizard.action_confirm()

    def test_award_adds_points_to_the_customer_company(self):
        line = self.contact.sudo().award_loyalty_points(120, 'Payment collected', origin='INV/2024/0001')
        self.assertEqual(line.partner_id, self.customer, 'points go to the company, not to its contact')
        self.assertEqual((line.points, line.origin, line.balance_after), (120, 'INV/2024/0001', 120))
        self.customer.sudo().award_loyalty_points(30, 'Payment collected', origin='INV/2024/0002')
        self.assertEqual(self.customer.loyalty_points, 150)
        self.assertEqual(self._stored_balance(self.customer), 150, 'the balance is stored')
        self.assertEqual(self.customer.sudo(self.salesperson).loyalty_points, 150,
                         'the salesperson sees the balance of his customer')
        self.assertEqual(len(self.customer.sudo(self.salesperson).loyalty_line_ids), 2)
        self.assertEqual(self.customer.loyalty_line_count, 2)

    def test_nothing_recorded_for_zero_points(self):
        self.assertFalse(self.customer.sudo().award_loyalty_points(0, 'Payment collected', source=self.payment))
        self.assertFalse(self.customer.loyalty_line_ids)

    def test_balance_cannot_go_below_zero(self):
        self.customer.sudo().award_loyalty_points(100, 'Payment collected')
        with self.assertRaisesRegex(ValidationError, 'below zero'), self.cr.savepoint():
            self.customer.sudo().award_loyalty_points(-150, 'Gift redeemed')
        self.assertEqual(self.customer.loyalty_points, 100)
        self.assertEqual(len(self.customer.loyalty_line_ids), 1, 'the refused deduction records nothing')
        self.customer.sudo().award_loyalty_points(-100, 'Gift redeemed')
        self.assertEqual(self._stored_balance(self.customer), 0)

    def test_award_is_idempotent_per_source_and_reason(self):
        first = self.customer.sudo().award_loyalty_points(100, 'Payment collected', source=self.payment)
        again = self.customer.sudo().award_loyalty_points(100, 'Payment collected', source=self.payment)
        self.assertEqual(again, first, 'the same payment is not awarded twice')
        self.assertEqual(self.customer.loyalty_points, 100)
        self.assertEqual(first.source_ref, self.payment)
        self.customer.sudo().award_loyalty_points(20, 'Early payment bonus', source=self.payment)
        self.customer.sudo().award_loyalty_points(50, 'Payment collected', source=self.other_payment)
        self.assertEqual(self.customer.loyalty_points, 170, 'another reason or another payment counts')

    def test_salesperson_cannot_adjust_points(self):
        self.customer.sudo().award_loyalty_points(100, 'Payment collected')
        with self.assertRaisesRegex(UserError, 'Only sales managers'), self.cr.savepoint():
            self._adjust(self.salesperson, 500, '送积分')
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.env['crm.loyalty.point.line'].sudo(self.salesperson).create({
                'partner_id': self.customer.id, 'points': 500, 'reason': '送积分'})
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.customer.sudo(self.salesperson).award_loyalty_points(500, '送积分')
        self.assertEqual(self.customer.loyalty_points, 100)

    def test_manager_adjusts_points_with_a_reason(self):
        self.customer.sudo().award_loyalty_points(100, 'Payment collected')
        self._adjust(self.manager, -40, 'Redeemed: 20 mugs')
        # the manager's line, whatever the order: its date is the manager's today, in another time zone than admin's
        line = self.customer.loyalty_line_ids.filtered(lambda l: l.origin == 'Manual adjustment')
        self.assertEqual((line.points, line.reason, line.origin, line.user_id),
                         (-40, 'Redeemed: 20 mugs', 'Manual adjustment', self.manager))
        self.assertEqual(self.customer.loyalty_points, 60)
        with self.assertRaisesRegex(ValidationError, 'below zero'), self.cr.savepoint():
            self._adjust(self.manager, -61, 'Redeemed: 30 mugs')
        with self.assertRaises(UserError), self.cr.savepoint():
            self._adjust(self.manager, 0, 'Nothing')
        self.assertEqual(self.customer.loyalty_points, 60)

    def test_points_belong_to_companies_not_contacts(self):
        with self.assertRaisesRegex(ValidationError, 'contact person'), self.cr.savepoint():
            self.env['crm.loyalty.point.line'].sudo(self.manager).create({
                'partner_id': self.contact.id, 'points': 10, 'reason': 'Welcome'})

    def test_lines_are_immutable(self):
        line = self.customer.sudo().award_loyalty_points(100, 'Payment collected')
        for user in (self.manager, self.salesperson):
            with self.assertRaisesRegex(UserError, 'cannot be changed'), self.cr.savepoint():
                line.sudo(user).write({'points': 1000})
            with self.assertRaisesRegex(UserError, 'cannot be deleted'), self.cr.savepoint():
                line.sudo(user).unlink()
        self.assertEqual((line.points, self.customer.loyalty_points), (100, 100))
        # a correction is a new line
        self._adjust(self.manager, -30, 'Correction: awarded 30 too many')
        self.assertEqual(self.customer.loyalty_points, 70)
