from odoo.addons.crm_lifecycle.tests.common import create_user
from odoo.exceptions import AccessError
from odoo.tests.common import SavepointCase


class TestPriceStrategyCompany(SavepointCase):
    """A company's price strategies and their quantity breaks are that company's: another company's
    salespeople neither find nor read the breaks (their prices)."""

    def test_other_company_sees_no_break(self):
        company_b = self.env['res.company'].create({'name': '深圳鹏程电子有限公司'})
        user_b = create_user(self.env, 'strategy_b', '孙磊', ['sales_team.group_sale_salesman'],
                             company_id=company_b.id, company_ids=[(6, 0, company_b.ids)])
        strategy = self.env['sale.price.strategy'].create({
            'name': '批量折扣', 'strategy_type': 'discount', 'company_id': self.env.user.company_id.id,
            'break_ids': [(0, 0, {'min_quantity': 10.0, 'discount': 5.0}),
                          (0, 0, {'min_quantity': 50.0, 'discount': 8.0})]})
        self.assertEqual(strategy.break_ids.mapped('company_id'), strategy.company_id)
        Break = self.env['sale.price.strategy.break'].sudo(user_b)
        self.assertFalse(Break.search([('id', 'in', strategy.break_ids.ids)]))
        with self.assertRaises(AccessError):
            Break.browse(strategy.break_ids.ids).read(['discount'])
        # the strategy's own company still sees them
        self.assertEqual(len(self.env['sale.price.strategy.break'].search([('strategy_id', '=', strategy.id)])), 2)
