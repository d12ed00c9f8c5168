from odoo import _, api, fields, models
from odoo.tools.misc import formatLang

KEY_ITEMS_SHOWN = 5


class SalesPlanLineForecast(models.Model):
    """The key opportunities and collections of a target: what weighs most on reaching it by the end of its
    period (sales.plan.forecast.item, largest expected amount first), read as the user sees them."""
    _inherit = 'sales.plan.line'

    key_items_text = fields.Text('Key Opportunities and Collections', compute='_compute_key_items_text',
                                 help='The five items expected to add most to the actual before the period ends.')

    def _compute_key_items_text(self):
        Item = self.env['sales.plan.forecast.item']
        kinds = dict(Item._fields['kind']._description_selection(self.env))
        for line in self:
            if not isinstance(line.id, int):
                line.key_items_text = False
                continue
            items = Item.search([('line_id', '=', line.id)], limit=KEY_ITEMS_SHOWN)
            line.key_items_text = '\n'.join(
                _('%(rank)s. %(kind)s %(name)s, %(date)s: %(weight)s (%(amount)s at %(rate)s %%)') % {
                    'rank': rank, 'kind': kinds.get(item.kind), 'name': item.display_name, 'date': item.date,
                    'weight': formatLang(self.env, item.weight), 'amount': formatLang(self.env, item.amount),
                    'rate': formatLang(self.env, item.rate, digits=0)}
                for rank, item in enumerate(items, 1)) or _('Nothing expected until the period ends.')

    @api.multi
    def action_view_key_items(self):
        """The forecast items of these targets, the heaviest first."""
        action = self.env.ref('sales_team_mgmt.sales_plan_forecast_item_action').read()[0]
        action['domain'] = [('line_id', 'in', self.ids)]
        action['context'] = {'default_line_id': self[:1].id}
        if len(self) == 1:
            action['display_name'] = action['name'] = _('Key Opportunities and Collections: %s') % self.display_name
        return action
