from odoo import api, fields, models


class CrmLead(models.Model):
    _inherit = 'crm.lead'

    competitor_line_ids = fields.One2many('crm.lead.competitor', 'lead_id', string='Competitors', copy=False)

    @api.multi
    def action_set_won(self):
        """When we win, every competitor of the deal is out."""
        self._eliminate_competitors()
        return super(CrmLead, self).action_set_won()

    @api.multi
    def write(self, vals):
        result = super(CrmLead, self).write(vals)
        # Moving the card to a won stage wins the deal as well as the "Mark Won" button does.
        if 'stage_id' in vals or 'probability' in vals:
            self.filtered(lambda lead: lead.probability >= 100)._eliminate_competitors()
        return result

    @api.multi
    def _eliminate_competitors(self):
        self.mapped('competitor_line_ids').filtered(lambda l: l.status != 'eliminated').write(
            {'status': 'eliminated'})
