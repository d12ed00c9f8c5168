from odoo.addons.crm_lifecycle.tests.common import create_user
from odoo.exceptions import AccessError, UserError

from .common import FunnelCase


class TestShareHandover(FunnelCase):
    """共享: who may change an opportunity puts colleagues on its collaboration team, who then read it and
    log on it. 移交: its owner, his team lead or a manager gives it to another salesperson with a note,
    logged, both notified, a to-do for the new owner. Done as the users themselves."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_company = cls.env['res.company'].create({'name': '测试移交深圳有限公司'})
        cls.sales_other_company = create_user(
            cls.env, 'test_handover_sz', '测试移交深圳销售', ['sales_team.group_sale_salesman'],
            company_id=cls.other_company.id, company_ids=[(6, 0, cls.other_company.ids)])
        cls.clerk = create_user(cls.env, 'test_handover_clerk', '测试移交行政文员', [],
                                company_id=cls.company.id, company_ids=[(6, 0, cls.company.ids)])
        cls.todo = cls.env.ref('mail.mail_activity_data_todo')

    def setUp(self):
        super().setUp()
        self.lead = self._opportunity(self.sales_east, self.type_upsell, name='测试移交商机')

    def _collaborators(self, lead=None):
        return self.env['crm.lead.collaborator'].search([('lead_id', '=', (lead or self.lead).id)])

    def _share_wizard(self, user, lead=None, **values):
        return self.env['crm.lead.share.wizard'].sudo(user).with_context(active_id=(lead or self.lead).id).create(
            values)

    def _handover_wizard(self, user, lead=None, **values):
        return self.env['crm.lead.handover.wizard'].sudo(user).with_context(
            active_id=(lead or self.lead).id).create(values)

    def _handovers(self, lead=None):
        return self.env['crm.lead.handover'].search([('lead_id', '=', (lead or self.lead).id)])

    def _activities(self, user, lead=None):
        return self.env['mail.activity'].search([('res_model', '=', 'crm.lead'),
                                                 ('res_id', '=', (lead or self.lead).id), ('user_id', '=', user.id)])

    # ------------------------------------------------------------------------------------------------
    # Sharing
    # ------------------------------------------------------------------------------------------------
    def test_owner_shares_colleague_reads_and_logs_but_does_not_change(self):
        self._share_wizard(self.sales_east, user_ids=[(6, 0, self.sales_south.ids)], role='technical',
                           note='请协助准备伺服选型方案').action_share()
        collaborator = self._collaborators()
        self.assertEqual(collaborator.user_id, self.sales_south)
        self.assertEqual((collaborator.role, collaborator.note), ('technical', '请协助准备伺服选型方案'))
        invitation = self.lead.sudo().message_ids[0]
        self.assertEqual(invitation.partner_ids, self.sales_south.partner_id, 'addressed to the colleague')
        self.assertIn('请协助准备伺服选型方案', invitation.body)
        self.assertEqual(invitation.author_id, self.sales_east.partner_id)
        self.assertIn(self.sales_south.partner_id, self.lead.sudo().message_follower_ids.mapped('partner_id'))

        as_colleague = self.lead.sudo(self.sales_south)
        self.assertEqual(as_colleague.name, '测试移交商机')
        as_colleague.message_post(body='伺服选型表已上传', message_type='comment', subtype='mail.mt_note')
        self.assertIn('伺服选型表已上传', self.lead.sudo().message_ids[0].body)
        with self.assertRaises(AccessError), self.cr.savepoint():
            as_colleague.write({'planned_revenue': 1})
        self.assertFalse(as_colleague.user_can_edit)
        self.assertTrue(self.lead.user_can_edit)

    def test_sharing_again_skips_those_on_the_team(self):
        self.lead.action_share(self.sales_south, 'presales', '第一次共享')
        created = self.lead.action_share(self.sales_south | self.sales_east2 | self.sales_east, 'sales')
        self.assertEqual(created.mapped('user_id'), self.sales_east2, 'not the colleague already on it, not the owner')
        self.assertEqual(self._collaborators().mapped('user_id'), self.sales_south | self.sales_east2)
        self.assertEqual(self._collaborators().filtered(lambda c: c.user_id == self.sales_south).role, 'presales')
        self.assertEqual(self.lead.sudo().message_ids[0].partner_ids, self.sales_east2.partner_id)

    def test_collaborator_cannot_share_further(self):
        self.lead.action_share(self.sales_south, 'presales')
        with self.assertRaisesRegex(UserError, 'Only who may change'), self.cr.savepoint():
            self._share_wizard(self.sales_south, user_ids=[(6, 0, self.sales_east2.ids)]).action_share()
        with self.assertRaisesRegex(UserError, 'Only who may change'), self.cr.savepoint():
            self.lead.sudo(self.sales_south).action_share(self.sales_east2, 'presales')
        with self.assertRaises(AccessError), self.cr.savepoint():  # not even seen
            self.lead.sudo(self.sales_east2).action_share(self.sales_east2, 'presales')
        self.assertEqual(self._collaborators().mapped('user_id'), self.sales_south)

    def test_shared_with_salespeople_of_the_company_only(self):
        for user, message in [(self.sales_other_company, 'does not work for'),
                              (self.clerk, 'no access to opportunities')]:
            with self.assertRaisesRegex(UserError, message), self.cr.savepoint():
                self.lead.action_share(user | self.sales_south, 'presales')
        self.sales_east2.sudo().active = False
        with self.assertRaisesRegex(UserError, 'not an active internal user'), self.cr.savepoint():
            self.lead.action_share(self.sales_east2, 'presales')
        self.assertFalse(self._collaborators(), 'nothing shared when one colleague is refused')

    # ------------------------------------------------------------------------------------------------
    # Handover
    # ------------------------------------------------------------------------------------------------
    def test_handover_without_note_refused_nothing_changes(self):
        for note in (False, '', '   \n'):
            with self.assertRaisesRegex(UserError, 'handover note'), self.cr.savepoint():
                self.lead.action_handover(self.sales_east2, note)
        self.lead.invalidate_cache()
        self.assertEqual(self.lead.user_id, self.sales_east)
        self.assertFalse(self._handovers())
        self.assertFalse(self._activities(self.sales_east2))

    def test_salesperson_cannot_hand_over_someone_elses(self):
        self.lead.action_share(self.sales_south, 'presales')
        with self.assertRaisesRegex(UserError, 'Only the owner'), self.cr.savepoint():
            self.lead.sudo(self.sales_south).action_handover(self.sales_south, '我来跟进')
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.lead.sudo(self.sales_east2).action_handover(self.sales_east2, '我来跟进')
        unassigned = self.env['crm.lead'].create({'name': '测试移交待领用', 'type': 'opportunity', 'user_id': False})
        with self.assertRaisesRegex(UserError, 'has no owner'), self.cr.savepoint():
            unassigned.sudo(self.sales_east2).action_handover(self.sales_east, '给你')
        self.lead.invalidate_cache()
        self.assertEqual(self.lead.user_id, self.sales_east)
        self.assertFalse(self._handovers())

    def test_owner_hands_over(self):
        note = '客户下周三来访，报价单已发，关注付款条件。'
        result = self._handover_wizard(self.sales_east, to_user_id=self.sales_east2.id, note=note).action_handover()
        lead = self.lead.sudo()
        self.assertEqual(lead.user_id, self.sales_east2)
        self.assertEqual(result.get('res_model'), 'crm.lead', 'back to the pipeline: the form is no longer his')

        handover = self._handovers()
        self.assertEqual(len(handover), 1)
        self.assertEqual((handover.from_user_id, handover.to_user_id, handover.done_by_id),
                         (self.sales_east, self.sales_east2, self.sales_east))
        self.assertEqual((handover.note, handover.company_id), (note, self.company))

        notice = lead.message_ids.filtered(lambda message: note in (message.body or ''))
        self.assertEqual(len(notice), 1)
        self.assertEqual(notice.partner_ids, self.sales_east.partner_id | self.sales_east2.partner_id)
        self.assertEqual(notice.author_id, self.sales_east.partner_id)
        activity = self._activities(self.sales_east2)
        self.assertEqual(activity.activity_type_id, self.todo)
        self.assertIn('客户下周三来访', activity.note)

        with self.assertRaises(AccessError), self.cr.savepoint():
            self.lead.sudo(self.sales_east).write({'priority': '3'})
        as_new_owner = self.lead.sudo(self.sales_east2)
        as_new_owner.write({'priority': '3'})
        self.assertEqual(as_new_owner.handover_ids, handover)
        self.assertEqual(as_new_owner.handover_count, 1)
        # the log is never changed by users, not even the new owner
        with self.assertRaises(AccessError), self.cr.savepoint():
            handover.sudo(self.sales_east2).write({'note': '改写'})
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.env['crm.lead.handover'].sudo(self.sales_east2).create({
                'lead_id': self.lead.id, 'from_user_id': self.sales_east.id, 'to_user_id': self.sales_east2.id,
                'note': '伪造', 'done_by_id': self.sales_east2.id})

    def test_team_lead_hands_over_within_his_team(self):
        self.lead.sudo(self.team_lead).action_handover(self.sales_east2, '张伟出差一个月，由赵敏接手')
        self.assertEqual(self.lead.sudo().user_id, self.sales_east2)
        handover = self._handovers()
        self.assertEqual((handover.from_user_id, handover.done_by_id), (self.sales_east, self.team_lead))
        self.assertTrue(self.lead.sudo(self.team_lead).user_can_edit, 'still his team')
        with self.assertRaisesRegex(UserError, 'not a member of your sales team'), self.cr.savepoint():
            self.lead.sudo(self.team_lead).action_handover(self.sales_south, '转给华南')
        south = self._opportunity(self.sales_south, self.type_upsell, name='测试移交华南商机')
        with self.assertRaises(AccessError), self.cr.savepoint():
            south.sudo(self.team_lead).action_handover(self.sales_east, '转给华东')
        self.assertEqual(self.lead.sudo().user_id, self.sales_east2)
        self.assertEqual(south.sudo().user_id, self.sales_south)
        # a sales manager anywhere in his company
        self.lead.sudo(self.manager).action_handover(self.sales_south, '客户迁往广州')
        self.assertEqual(self.lead.sudo().user_id, self.sales_south)
        self.assertEqual(len(self._handovers()), 2)

    def test_handed_to_an_active_salesperson_of_the_company_under_the_cap(self):
        cases = [(self.sales_east, 'already owned'), (self.clerk, 'not an active salesperson'),
                 (self.sales_other_company, 'does not work for')]
        for user, message in cases:
            with self.assertRaisesRegex(UserError, message), self.cr.savepoint():
                self.lead.action_handover(user, '移交')
        self.company.opportunity_claim_cap = 1
        self._opportunity(self.sales_east2, self.type_upsell, name='测试移交赵敏已有商机')
        with self.assertRaisesRegex(UserError, 'limit is 1'), self.cr.savepoint():
            self.lead.action_handover(self.sales_east2, '移交')
        self.company.opportunity_claim_cap = 0
        self.sales_east2.sudo().active = False
        with self.assertRaisesRegex(UserError, 'not an active salesperson'), self.cr.savepoint():
            self.lead.action_handover(self.sales_east2, '移交')
        self.lead.invalidate_cache()
        self.assertEqual(self.lead.user_id, self.sales_east)
        self.assertFalse(self._handovers())
