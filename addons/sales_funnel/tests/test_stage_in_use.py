from odoo.addons.base.ir.ir_model import MODULE_UNINSTALL_FLAG
from odoo.exceptions import UserError

from .common import FunnelCase


class TestStageInUse(FunnelCase):
    """A stage that opportunities went through or hold tasks of cannot be deleted, not even by the sales
    director with the uninstall flag in his call; the module's uninstall deletes it, its tasks go with it and the
    stage history keeps its rows without the stage."""

    def test_used_stage_refused_but_uninstall_deletes(self):
        lead = self._opportunity(self.sales_east, self.type_upsell, name='测试阶段 在用')
        lead.sudo(self.sales_east).write({'stage_id': self.l_quote.id})
        history = self.env['crm.lead.stage.history'].search([('lead_id', '=', lead.id)], order='id')
        self.assertEqual(history.mapped('to_stage_id'), self.l_intent | self.l_quote)
        tasks = self.env['crm.lead.stage.task'].search([('lead_id', '=', lead.id), ('stage_id', '=', self.l_quote.id)])
        self.assertTrue(tasks, 'the stage\'s task was copied to the opportunity')
        for stage in (self.l_intent, self.l_quote):
            for context in ({}, {MODULE_UNINSTALL_FLAG: True}):
                with self.assertRaisesRegex(UserError, 'is used by opportunities such as 测试阶段 在用'), \
                        self.cr.savepoint():
                    stage.sudo(self.manager).with_context(**context).unlink()
            self.assertTrue(stage.exists())
        # a stage no opportunity went through may go
        self.l_signing.sudo(self.manager).unlink()
        self.assertFalse(self.l_signing.exists())

        self.l_quote.sudo().with_context(**{MODULE_UNINSTALL_FLAG: True}).unlink()  # what Odoo's uninstall does
        self.assertFalse(self.l_quote.exists())
        self.assertFalse(tasks.exists())
        history.invalidate_cache()
        self.assertEqual([(row.event, row.from_stage_id, row.to_stage_id) for row in history], [
            ('create', self.env['crm.stage'], self.l_intent), ('stage', self.l_intent, self.env['crm.stage'])])
        lead.invalidate_cache()
        self.assertTrue(lead.exists())
        self.assertFalse(lead.stage_id)
