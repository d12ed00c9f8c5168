from odoo.exceptions import AccessError
from odoo.tests.common import SavepointCase

from .common import create_user


class TestAttributeOptionCompany(SavepointCase):
    """The options of a company's selection attributes are that company's: another company's users
    neither find nor read them (shared attributes' options stay visible to all)."""

    def test_other_company_sees_no_option(self):
        company_b = self.env['res.company'].create({'name': '深圳鹏程电子有限公司'})
        user_b = create_user(self.env, 'option_b', '周涛', ['sales_team.group_sale_manager'],
                             company_id=company_b.id, company_ids=[(6, 0, company_b.ids)])
        Attribute = self.env['crm.attribute']
        own = Attribute.create({'name': '主营行业', 'code': 'mc_industry', 'field_type': 'selection',
                                'company_id': self.env.user.company_id.id,
                                'option_ids': [(0, 0, {'name': '机械制造'})]})
        shared = Attribute.create({'name': '企业规模', 'code': 'mc_size', 'field_type': 'selection',
                                   'company_id': False, 'option_ids': [(0, 0, {'name': '大型'})]})
        Option = self.env['crm.attribute.option'].sudo(user_b)
        self.assertEqual(own.option_ids.company_id, own.company_id)
        self.assertFalse(Option.search([('id', 'in', own.option_ids.ids)]))
        with self.assertRaises(AccessError):
            Option.browse(own.option_ids.ids).read(['name'])
        self.assertEqual(Option.search([('id', 'in', shared.option_ids.ids)]).mapped('name'), ['大型'])
