from odoo import models
from odoo.osv import expression


class ResUsers(models.Model):
    _inherit = 'res.users'

    def crm_lead_request_rule_domain(self, for_change=False):
        """The cross-department requests this user may read (or, ``for_change``, change), as a domain on
        crm.lead.request, for its record rules.

        * his own: those he asked and those addressed to him, in any company;
        * a salesperson and a team lead also read the requests of the opportunities they see;
        * a sales manager reads and changes every request of his companies, with or without opportunity.

        Not simply ``own OR user.crm_lead_rule_domain('lead_id')``: crm_lead_rule_domain gives users outside
        sales every opportunity, which would show an engineer all the requests, not only his.
        """
        own = ['|', ('requester_id', '=', self.id), ('assignee_id', '=', self.id)]
        if self.has_group('sales_team.group_sale_manager'):
            companies = ['|', ('company_id', '=', False), ('company_id', 'child_of', self.company_id.ids)]
            return ['|'] + own + companies
        if for_change or not self.has_group('sales_team.group_sale_salesman'):
            return own
        # requests without opportunity do not match the second part (lead_id.… of an empty lead_id is no match)
        return expression.OR([own, self.crm_lead_rule_domain('lead_id')])
