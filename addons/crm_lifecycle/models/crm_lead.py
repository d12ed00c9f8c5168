from odoo import api, models

# Writing one of these may make an opportunity won for its customer.
WON_RELEVANT_FIELDS = {'stage_id', 'probability', 'active', 'partner_id'}


class CrmLead(models.Model):
    _inherit = 'crm.lead'

    @api.model
    def create(self, vals):
        lead = super(CrmLead, self).create(vals)
        lead._promote_customers_of_won()
        return lead

    @api.multi
    def write(self, vals):
        result = super(CrmLead, self).write(vals)
        if WON_RELEVANT_FIELDS & set(vals):
            self._promote_customers_of_won()
        return result

    def _promote_customers_of_won(self):
        """A won opportunity (probability 100: action_set_won or a won stage) moves its customer to 成交.

        As superuser: the salesperson who wins the deal may not be the owner of the customer.
        """
        won = self.sudo().filtered(lambda lead: lead.active and lead.probability == 100 and lead.partner_id)
        won.mapped('partner_id.commercial_partner_id')._move_to_won_stage()
