from odoo import _, api, models
from odoo.addons.crm_lifecycle.models.res_partner_duplicate import BLOCKING_REASONS
from odoo.exceptions import UserError


class CrmLead(models.Model):
    """Lead → opportunity conversion runs the 撞单 check: customers that match the lead (through
    crm_lifecycle's duplicate engine) and open opportunities of other salespeople on the same customer.
    Per company, a collision blocks the conversion or is let through; either way the decision and the
    matches are logged on the opportunity."""
    _inherit = 'crm.lead'

    @api.multi
    def find_conversion_collisions(self, customer=None, owner=None):
        """What converting this lead for ``customer`` (default: its customer) owned by ``owner`` (default:
        its salesperson) collides with: ``{'customers': [find_duplicates matches], 'opportunities':
        [{'lead_id', 'name', 'owner', 'stage'}]}``. Read as superuser: the colleague's opportunity the
        salesperson cannot see is exactly what he must be told about (names and owners only)."""
        self.ensure_one()
        # the customer's keys are read as superuser: he may be a colleague's, which is the point
        customer = (self.partner_id if customer is None else customer).sudo().commercial_partner_id
        owner = self.user_id if owner is None else owner
        Partner = self.env['res.partner']
        vals = {'name': self.partner_name or customer.name, 'phone': self.phone or customer.phone,
                'mobile': self.mobile or customer.mobile, 'email': self.email_from or customer.email,
                'unified_credit_code': customer.unified_credit_code, 'company_id': self.company_id.id}
        customers = Partner.find_duplicates(vals, exclude_ids=customer.ids)
        opportunities = []
        if customer:
            others = self.sudo().search([
                ('id', '!=', self.id), ('type', '=', 'opportunity'), ('probability', '<', 100),
                ('partner_id', 'child_of', customer.id), ('user_id', '!=', False),
                ('user_id', 'not in', owner.ids + self.env.user.ids)], limit=20)
            opportunities = [{'lead_id': lead.id, 'name': lead.name, 'owner': lead.user_id.name,
                              'stage': lead.stage_id.name} for lead in others]
        # a customer of the same salesperson is no collision
        customers = [match for match in customers if not match['owner_id'] or match['owner_id'] != owner.id]
        return {'customers': customers, 'opportunities': opportunities}

    def _collision_lines(self, collisions):
        Partner = self.env['res.partner']
        lines = [Partner._duplicate_match_line(match) for match in collisions['customers']]
        lines += [_('- opportunity "%(name)s" of %(owner)s, at stage %(stage)s') % match
                  for match in collisions['opportunities']]
        return lines

    @api.multi
    def convert_opportunity(self, partner_id, user_ids=False, team_id=False):
        customer = self.env['res.partner'].browse(partner_id or [])
        owner = self.env['res.users'].browse(user_ids[:1] if user_ids else [])
        blocked, logs = [], {}
        for lead in self.filtered(lambda l: l.type == 'lead' and l.active):
            collisions = lead.find_conversion_collisions(customer or lead.partner_id, owner or lead.user_id)
            lines = lead._collision_lines(collisions)
            # similar names and shared e-mails are logged; same customer or a colleague's deal block
            blocking = dict(collisions, customers=[match for match in collisions['customers']
                                                   if match['reason'] in BLOCKING_REASONS])
            if lead.company_id.sudo().opportunity_duplicate_mode == 'block' and (
                    blocking['customers'] or blocking['opportunities']):
                blocked.append('\n'.join([_('%s collides with:') % lead.name] + lead._collision_lines(blocking)))
            logs[lead.id] = lines
        if blocked:
            raise UserError('\n\n'.join(blocked + [_('Your company blocks such conversions: talk to the owner or '
                                                     'your team lead first.')]))
        result = super(CrmLead, self).convert_opportunity(partner_id, user_ids=user_ids, team_id=team_id)
        for lead in self.filtered(lambda l: l.id in logs):
            lines = logs[lead.id]
            body = '<br/>'.join([_('撞单 check on conversion: nothing found.')] if not lines else
                                [_('撞单 check on conversion: converted although it collides with:')] + lines)
            lead.message_post(body=body, subtype='mail.mt_note')
        return result
