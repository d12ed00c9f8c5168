from odoo import _, api, fields, models


class ResPartner(models.Model):
    """Customer 360°: the counts behind the smart buttons of the customer form.

    Every count is computed for the whole batch with one ``read_group`` (never one ``search_count``
    per partner), so opening a form or reading a list costs the same number of queries whatever
    the number of follow-ups, activities or opportunities behind it.
    """
    _inherit = 'res.partner'

    open_activity_count = fields.Integer(
        'Open Activities', compute='_compute_open_activity_count', groups='base.group_user',
        help='Activities planned on this customer and not done yet (done activities leave the list).')

    def _compute_open_activity_count(self):
        groups = self.env['mail.activity'].read_group(
            [('res_model', '=', self._name), ('res_id', 'in', self.ids)], ['res_id'], ['res_id'])
        counts = {group['res_id']: group['res_id_count'] for group in groups}
        for partner in self:
            partner.open_activity_count = counts.get(partner.id, 0)

    @api.multi
    def _compute_opportunity_count(self):
        """crm's count, in one query for the batch: a company counts the opportunities of itself and of
        its contacts (``child_of``), a person his own.

        crm runs one ``search_count`` per partner, and a non-stored field is computed for every prefetched
        record: opening a company form read the count of each of its contacts, one query per contact.
        """
        counts = dict.fromkeys(self.ids, 0)
        if self.ids:
            groups = self.env['crm.lead'].read_group(
                [('partner_id', 'child_of', self.ids), ('type', '=', 'opportunity')], ['partner_id'], ['partner_id'])
            by_partner = {group['partner_id'][0]: group['partner_id_count'] for group in groups}
            companies = set(self.filtered('is_company').ids)
            # sudo: the parents are only walked up to find the companies of the batch
            for partner in self.sudo().browse(list(by_partner)):
                if partner.id in counts:
                    counts[partner.id] += by_partner[partner.id]
                ancestor, seen = partner.parent_id, set()
                while ancestor and ancestor.id not in seen:
                    seen.add(ancestor.id)
                    if ancestor.id in companies:
                        counts[ancestor.id] += by_partner[partner.id]
                    ancestor = ancestor.parent_id
        for partner in self:
            partner.opportunity_count = counts.get(partner.id, 0)

    @api.multi
    def action_view_activities(self):
        """The open activities of the customer (smart button), where they can be opened and done."""
        self.ensure_one()
        return {
            'type': 'ir.actions.act_window',
            'name': _('Activities'),
            'res_model': 'mail.activity',
            'view_mode': 'tree,calendar,form',
            'views': [(self.env.ref('mail.mail_activity_view_tree').id, 'tree'),
                      (self.env.ref('mail.mail_activity_view_calendar').id, 'calendar'),
                      (self.env.ref('mail.mail_activity_view_form_popup').id, 'form')],
            'domain': [('res_model', '=', self._name), ('res_id', '=', self.id)],
            'context': {'default_res_model': self._name, 'default_res_id': self.id},
        }
