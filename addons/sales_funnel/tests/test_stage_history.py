from datetime import datetime, timedelta

from odoo import fields

from .common import FunnelCase


class TestStageHistory(FunnelCase):
    """Every change of an opportunity's place in the funnel is one history row: created, stage changes
    (forward and back), won, lost, restored; with who, when, days in the previous stage and amount."""

    def _rows(self, lead):
        return self.env['crm.lead.stage.history'].search([('lead_id', '=', lead.id)], order='id')

    def _backdate(self, lead, days):
        past = fields.Datetime.to_string(datetime.now() - timedelta(days=days))
        self.env.cr.execute("UPDATE crm_lead SET date_last_stage_update = %s WHERE id = %s", [past, lead.id])
        lead.invalidate_cache()

    def test_rows_for_each_change(self):
        lead = self._opportunity(self.sales_east, self.type_upsell, planned_revenue=80000)
        as_owner = lead.sudo(self.sales_east)
        self._backdate(lead, 3)
        as_owner.write({'stage_id': self.l_quote.id, 'planned_revenue': 90000})
        self._backdate(lead, 5)
        as_owner.write({'stage_id': self.l_intent.id})
        as_owner.write({'stage_id': self.l_quote.id})
        as_owner.action_set_lost()
        as_owner.toggle_active()
        as_owner.write({'stage_id': self.l_won.id})
        rows = self._rows(lead)
        self.assertEqual([(row.event, row.from_stage_id, row.to_stage_id) for row in rows], [
            ('create', self.env['crm.stage'], self.l_intent),
            ('stage', self.l_intent, self.l_quote),
            ('stage', self.l_quote, self.l_intent),
            ('stage', self.l_intent, self.l_quote),
            ('lost', self.l_quote, self.env['crm.stage']),
            ('restore', self.env['crm.stage'], self.l_quote),
            ('won', self.l_quote, self.l_won),
        ])
        self.assertAlmostEqual(rows[1].days_in_previous_stage, 3, places=1)
        self.assertAlmostEqual(rows[2].days_in_previous_stage, 5, places=1)
        self.assertEqual(rows[1].amount, 90000, 'the amount at the time of the change')
        self.assertEqual(rows[0].amount, 80000)
        self.assertEqual(set(rows.mapped('user_id')), {self.sales_east})
        self.assertEqual(set(rows.mapped('changed_by_id')), {self.sales_east})
        self.assertEqual(set(rows.mapped('sales_method_id')), {self.loose})
        self.assertEqual(set(rows.mapped('team_id')), {lead.team_id})

    def test_lead_enters_history_when_converted(self):
        lead = self.env['crm.lead'].sudo(self.sales_east).create({
            'name': '展会线索', 'type': 'lead', 'opportunity_type_id': self.type_upsell.id})
        self.assertFalse(self._rows(lead), 'leads are not in the funnel yet')
        lead.convert_opportunity(self.customer.id)
        self.assertEqual(self._rows(lead).mapped('event'), ['create'])
        self.assertEqual(self._rows(lead).to_stage_id, lead.stage_id)

    def test_history_is_read_only_for_users(self):
        lead = self._opportunity(self.sales_east, self.type_upsell)
        row = self._rows(lead).sudo(self.sales_east)
        self.assertTrue(row.read(['event']))
        from odoo.exceptions import AccessError
        with self.assertRaises(AccessError):
            row.write({'days_in_previous_stage': 99})
        with self.assertRaises(AccessError):
            row.unlink()
        with self.assertRaises(AccessError):
            self.env['crm.lead.stage.history'].sudo(self.manager).create({'lead_id': lead.id, 'event': 'won'})
