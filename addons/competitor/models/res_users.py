from odoo import models
from odoo.osv import expression


class ResUsers(models.Model):
    _inherit = 'res.users'

    def crm_intelligence_rule_domain(self, for_change=False):
        """The competitor intelligence this user may read (or, ``for_change``, change), for its record
        rules: an entry about an opportunity as that opportunity; an entry about no opportunity, every
        salesperson of the company. Changed by who reported it, team leads and sales managers only."""
        visible = expression.OR([[('lead_id', '=', False)], self.crm_lead_rule_domain('lead_id')])
        if not for_change or self.has_group('sales_team.group_sale_salesman_all_leads'):
            return visible
        return expression.AND([visible, [('user_id', '=', self.id)]])
