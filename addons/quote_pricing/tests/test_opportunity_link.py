from .common import QuotePricingCase


class TestOpportunityLink(QuotePricingCase):
    """A quotation made from an opportunity keeps the link; the opportunity shows the amount quoted and
    its latest quotation with the version."""

    def test_quoted_amount_and_latest(self):
        lead = self.env['crm.lead'].sudo(self.salesperson).create({
            'name': '测试报价商机', 'type': 'opportunity', 'partner_id': self.customer.id, 'planned_revenue': 5000})
        order = self._create_quotation(self.salesperson, 900)
        order.sudo(self.salesperson).write({'opportunity_id': lead.id})
        self.assertEqual(lead.order_ids, order)
        self.assertEqual(lead.quoted_amount, 900)
        self.assertEqual((lead.latest_quotation_id, lead.latest_quotation_version), (order, 1))
        revision = order.sudo(self.salesperson).copy_revision_with_context()
        lead.invalidate_cache()
        self.assertEqual(revision.opportunity_id, lead)
        self.assertEqual((lead.latest_quotation_id, lead.latest_quotation_version), (revision, 2))
        self.assertEqual(lead.quoted_amount, 900, 'the old version no longer counts')
