from odoo import models
from odoo.osv import expression


class ResUsers(models.Model):
    _inherit = 'res.users'

    def crm_lead_rule_domain(self, path='', with_collaborations=True):
        """The opportunities this user may see, as a domain on crm.lead, or on the records of an
        opportunity (tasks, stage history, decision team …) with ``path`` the field that leads to it.

        The record rules of crm.lead and of every model that belongs to an opportunity call this one
        definition (``user.crm_lead_rule_domain('lead_id')``), so that a task is visible exactly when its
        opportunity is:

        * a sales manager, and a user of no sales group, every opportunity;
        * a salesperson his own, the unassigned ones (to claim them) and, ``with_collaborations``,
          those whose collaboration team he is in;
        * a team lead also those of his teams: of a team he leads or is a member of, or owned by a
          member of such a team.

        Always limited to the user's companies (and opportunities of no company), read on the record's own
        ``company_id``: the records of an opportunity carry its company, and a path would make PostgreSQL
        match every opportunity of the company by id. Normalized (explicit '&'), so that a rule may OR it
        with more terms (``expression.OR``).
        """
        prefix = path + '.' if path else ''
        company = ['|', ('company_id', '=', False), ('company_id', 'child_of', self.company_id.ids)]
        if self.has_group('sales_team.group_sale_manager') or not self.has_group('sales_team.group_sale_salesman'):
            return expression.normalize_domain(company)
        visible = [(prefix + 'user_id', '=', self.id), (prefix + 'user_id', '=', False)]
        if with_collaborations:
            visible.append((prefix + 'collaborator_ids.user_id', '=', self.id))
        if self.has_group('sales_team.group_sale_salesman_all_leads'):
            visible += [
                (prefix + 'team_id.user_id', '=', self.id),
                (prefix + 'team_id.member_ids', 'in', self.ids),
                (prefix + 'user_id.sale_team_id.user_id', '=', self.id),
                (prefix + 'user_id.sale_team_id.member_ids', 'in', self.ids),
            ]
        return expression.AND([company, ['|'] * (len(visible) - 1) + visible])
