from odoo.exceptions import UserError

from .common import FunnelCase


class TestSalesMethod(FunnelCase):
    """Opportunities follow their type's method: its stages, its tasks, strict or loose gating and
    milestone auto-advance, whether moved by a button, a kanban drag (a write) or RPC (a write)."""

    def _tasks(self, lead, stage):
        return lead.stage_task_ids.filtered(lambda task: task.stage_id == stage)

    def _done(self, tasks, user):
        for task in tasks:
            if task.requires_document:
                attachment = self.env['ir.attachment'].sudo(user).create({
                    'name': '%s.pdf' % task.document_name, 'datas_fname': 'doc.pdf', 'datas': 'UERG',
                    'res_model': 'crm.lead', 'res_id': task.lead_id.id})
                task.sudo(user).write({'attachment_ids': [(4, attachment.id)]})
            task.sudo(user).write({'done': True})

    def test_type_gives_method_first_stage_and_tasks(self):
        lead = self._opportunity(self.sales_east, self.type_project)
        self.assertEqual(lead.sales_method_id, self.strict)
        self.assertEqual(lead.stage_id, self.s_contact, 'starts in the first stage of its method')
        self.assertEqual(lead.probability, 10, 'with the stage probability')
        self.assertEqual(self._tasks(lead, self.s_contact).mapped('name'), ['确认采购流程', '录入决策链'])
        # a stage of another method given on create is replaced by the method's first stage
        other = self._opportunity(self.sales_east, self.type_upsell, stage_id=self.s_proposal.id)
        self.assertEqual((other.sales_method_id, other.stage_id), (self.loose, self.l_intent))
        # changing the type changes the method and moves the opportunity into the new pipeline
        lead.sudo(self.sales_east).write({'opportunity_type_id': self.type_upsell.id})
        self.assertEqual((lead.sales_method_id, lead.stage_id), (self.loose, self.l_intent))
        with self.assertRaises(UserError):
            lead.sudo(self.sales_east).write({'sales_method_id': self.strict.id})

    def test_strict_refuses_open_required_tasks_and_skips(self):
        lead = self._opportunity(self.sales_east, self.type_project)
        as_owner = lead.sudo(self.sales_east)
        with self.assertRaisesRegex(UserError, '确认采购流程'):
            as_owner.write({'stage_id': self.s_analysis.id})
        self.assertEqual(lead.stage_id, self.s_contact)
        self._done(self._tasks(lead, self.s_contact).filtered('required'), self.sales_east)
        # the optional task does not hold the opportunity back; auto-advance moved it on already
        self.assertEqual(lead.stage_id, self.s_analysis)
        with self.assertRaisesRegex(UserError, 'skips'):
            as_owner.write({'stage_id': self.s_won.id})
        with self.assertRaisesRegex(UserError, 'skips'):
            as_owner.action_set_won()
        self.assertEqual(lead.stage_id, self.s_analysis)
        # going back is allowed
        as_owner.write({'stage_id': self.s_contact.id})
        self.assertEqual(lead.stage_id, self.s_contact)

    def test_document_required_to_mark_done(self):
        lead = self._opportunity(self.sales_east, self.type_project)
        self._done(self._tasks(lead, self.s_contact).filtered('required'), self.sales_east)
        confirm = self._tasks(lead, self.s_analysis).filtered(lambda task: task.template_id == self.t_confirm)
        with self.assertRaisesRegex(UserError, '需求确认书'), self.cr.savepoint():
            confirm.sudo(self.sales_east).write({'done': True})
        confirm.invalidate_cache()
        self.assertFalse(confirm.done)
        self._done(confirm, self.sales_east)
        self.assertTrue(confirm.done)
        self.assertEqual(confirm.done_user_id, self.sales_east)

    def test_auto_advance_stops_before_won(self):
        lead = self._opportunity(self.sales_east, self.type_project)
        self._done(self._tasks(lead, self.s_contact).filtered('required'), self.sales_east)
        self.assertEqual(lead.stage_id, self.s_analysis)
        self.assertEqual(self._tasks(lead, self.s_analysis).mapped('name'), ['现场调研', '需求确认'])
        self._done(self._tasks(lead, self.s_analysis), self.sales_east)
        self.assertEqual(lead.stage_id, self.s_proposal, 'all required tasks done: next stage')
        # the proposal stage has no tasks: nothing moves it to the won stage by itself
        self.assertEqual(lead.probability, 60)
        lead.sudo(self.sales_east).action_set_won()
        self.assertEqual((lead.stage_id, lead.probability), (self.s_won, 100))

    def test_loose_warns_and_logs(self):
        lead = self._opportunity(self.sales_east, self.type_upsell)
        lead.sudo(self.sales_east).write({'stage_id': self.l_signing.id})
        self.assertEqual(lead.stage_id, self.l_signing, 'a loose method lets the move happen')
        notes = lead.message_ids.filtered(lambda message: '报价' in (message.body or ''))
        self.assertTrue(notes, 'the skipped stage is noted in the chatter')
        # the onchange tells before saving
        lead.write({'stage_id': self.l_quote.id})
        warning = lead.sudo(self.sales_east).new({'stage_id': self.l_won.id})
        warning._origin = lead
        result = warning._onchange_stage_id_method_rules()
        self.assertIn('发送报价单', result['warning']['message'])

    def test_pipeline_shows_the_method_stages(self):
        Lead = self.env['crm.lead'].sudo(self.sales_east).with_context(default_sales_method_id=self.loose.id)
        stages = Lead._read_group_stage_ids(self.env['crm.stage'], [], 'sequence, id')
        self.assertEqual(stages, self.env['crm.stage'].browse([s.id for s in (self.l_intent, self.l_quote,
                                                                              self.l_signing, self.l_won)]))
        created = Lead.create({'name': '从流程看板创建', 'partner_id': self.customer.id, 'type': 'opportunity'})
        self.assertEqual(created.sales_method_id, self.loose, 'created in a method pipeline: of that method')
        action = self.loose.sudo(self.sales_east).action_open_pipeline()
        self.assertIn(('sales_method_id', '=', self.loose.id), action['domain'])
        self.assertEqual(action['views'][0][1], 'kanban', 'the pipeline opens as the kanban of its stages')
        self.assertIn(self.loose.name, action['display_name'])

    def test_hand_added_task_gates_too(self):
        lead = self._opportunity(self.sales_east, self.type_upsell)
        self.env['crm.lead.stage.task'].sudo(self.sales_east).create({
            'lead_id': lead.id, 'stage_id': self.l_intent.id, 'name': '补充资料', 'required': True})
        lead.sudo(self.sales_east).write({'stage_id': self.l_quote.id})
        self.assertTrue(lead.message_ids.filtered(lambda message: '补充资料' in (message.body or '')))
        with self.assertRaises(UserError):
            self.env['crm.lead.stage.task'].sudo(self.sales_east).create({
                'lead_id': lead.id, 'stage_id': self.s_contact.id, 'name': '别的流程的阶段'})
