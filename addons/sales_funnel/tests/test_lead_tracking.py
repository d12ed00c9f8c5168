from datetime import datetime, timedelta

from odoo import fields

from .common import FunnelCase


class TestLeadTracking(FunnelCase):
    """The follow-up log of crm_lifecycle on an opportunity: its count, its last follow-up and its last
    activity, which the exception cron reads."""

    def test_follow_up_moves_last_follow_up_and_activity(self):
        lead = self._opportunity(self.sales_east, self.type_upsell)
        self.assertFalse(lead.last_follow_up_date)
        self.assertEqual(lead.follow_up_count, 0)
        yesterday = fields.Datetime.to_string(datetime.now() - timedelta(days=1))
        self.env.cr.execute("UPDATE crm_lead SET last_activity_date = %s, date_last_stage_update = %s, "
                            "create_date = %s WHERE id = %s", ['2020-01-01 00:00:00'] * 3 + [lead.id])
        lead.invalidate_cache()
        self.env['crm.customer.follow.up'].sudo(self.sales_east).create({
            'partner_id': self.customer.id, 'lead_id': lead.id, 'follow_up_type': 'visit', 'date': yesterday,
            'content': '现场了解产线改造需求'})
        self.assertEqual(lead.follow_up_count, 1)
        self.assertEqual(lead.last_follow_up_date, yesterday)
        self.assertEqual(lead.last_activity_date, yesterday, 'a follow-up is activity on the opportunity')
        action = lead.sudo(self.sales_east).action_view_follow_ups()
        self.assertEqual(action['domain'], [('lead_id', '=', lead.id)])
