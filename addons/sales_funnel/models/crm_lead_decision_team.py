from odoo import _, api, fields, models
from odoo.tools import html_escape

# Bootstrap 3 labels of the attitudes in the tree
ATTITUDE_CLASSES = {'supporter': 'label-success', 'neutral': 'label-default', 'opponent': 'label-danger'}


class CrmLead(models.Model):
    """The decision team of an opportunity (决策链): its members as a list and as a tree by reporting
    line, with the count of supporters and opponents."""
    _inherit = 'crm.lead'

    decision_member_ids = fields.One2many('crm.lead.decision.member', 'lead_id', string='Decision Team')
    decision_tree_html = fields.Html('Decision Tree', compute='_compute_decision_tree_html', sanitize=False)
    decision_supporter_count = fields.Integer('Supporters', compute='_compute_decision_counts')
    decision_opponent_count = fields.Integer('Opponents', compute='_compute_decision_counts')

    @api.depends('decision_member_ids.attitude')
    def _compute_decision_counts(self):
        for lead in self:
            attitudes = lead.decision_member_ids.mapped('attitude')
            lead.decision_supporter_count = attitudes.count('supporter')
            lead.decision_opponent_count = attitudes.count('opponent')

    @api.depends('decision_member_ids.parent_id', 'decision_member_ids.partner_id', 'decision_member_ids.role',
                 'decision_member_ids.attitude', 'decision_member_ids.power', 'decision_member_ids.sequence')
    def _compute_decision_tree_html(self):
        Member = self.env['crm.lead.decision.member']
        roles = dict(Member._fields['role']._description_selection(self.env))
        attitudes = dict(Member._fields['attitude']._description_selection(self.env))
        for lead in self:
            members = lead.decision_member_ids
            if not members:
                lead.decision_tree_html = '<p class="text-muted">%s</p>' % html_escape(
                    _('No one in the decision team yet.'))
                continue
            children = {}
            for member in members.sorted(lambda m: (m.sequence, m.id)):
                # a parent outside the list (not saved yet) makes a root
                parent = member.parent_id if member.parent_id in members else Member
                children.setdefault(parent, []).append(member)
            lead.decision_tree_html = self._decision_tree_branch(children, Member, roles, attitudes, set())

    @api.model
    def _decision_tree_branch(self, children, parent, roles, attitudes, seen):
        items = []
        for member in children.get(parent, []):
            if member in seen:  # the constraint forbids cycles; never loop on unsaved data
                continue
            seen.add(member)
            person = '<strong>%s</strong>' % html_escape(member.partner_id.name or '')
            if member.function:
                person += ' <span class="text-muted">%s</span>' % html_escape(member.function)
            details = ' · '.join([
                html_escape(roles.get(member.role, '')),
                '<span class="label %s">%s</span>' % (ATTITUDE_CLASSES.get(member.attitude, 'label-default'),
                                                      html_escape(attitudes.get(member.attitude, ''))),
                html_escape(_('Influence %d/5') % member.power),
            ])
            items.append('<li>%s — %s%s</li>' % (
                person, details, self._decision_tree_branch(children, member, roles, attitudes, seen)))
        if not items:
            return ''
        return '<ul class="o_decision_tree">%s</ul>' % ''.join(items)
