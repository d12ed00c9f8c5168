from odoo.exceptions import ValidationError
from odoo.tests.common import SavepointCase


class TestTeamHierarchy(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super(TestTeamHierarchy, cls).setUpClass()
        Team = cls.env['crm.team']
        cls.department = Team.create({'name': '测试销售部'})
        cls.region = Team.create({'name': '测试华东区', 'parent_id': cls.department.id})
        cls.sub_team = Team.create({'name': '测试苏南组', 'parent_id': cls.region.id})

    def test_hierarchy_is_navigable(self):
        self.assertEqual(self.department.child_ids, self.region)
        below = self.env['crm.team'].search([('id', 'child_of', self.department.id)])
        self.assertEqual(below, self.department | self.region | self.sub_team)

    def test_recursion_is_refused(self):
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self.department.write({'parent_id': self.sub_team.id})
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self.region.write({'parent_id': self.region.id})
        self.env['crm.team'].invalidate_cache()  # drop values the rolled-back writes left in the cache
        self.assertFalse(self.department.parent_id)
        self.assertEqual(self.region.parent_id, self.department)
