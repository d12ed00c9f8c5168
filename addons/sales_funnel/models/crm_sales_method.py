from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .lead_in_use_guard import check_not_used_by_leads

CONTROL_MODES = [
    ('strict', 'Strict: refuse'),
    ('loose', 'Loose: warn and log'),
]


class CrmSalesMethod(models.Model):
    """A sales method (销售方法): the pipeline an opportunity of its types follows.

    Its stages (``crm.stage`` with this method) are ordered by sequence and carry a default
    probability, a maximum number of days and the tasks to do there. A *strict* method refuses moving
    forward while a required task of the current stage is open and refuses skipping stages; a *loose*
    one lets the move happen, warns and logs it in the chatter. With *milestone auto-advance* an
    opportunity moves to the next stage by itself when the last required task of its stage is done.
    """
    _name = 'crm.sales.method'
    _description = 'Sales Method'
    _inherit = 'crm.config.list.mixin'
    _order = 'sequence, id'

    description = fields.Text(translate=True)
    opportunity_type_ids = fields.Many2many(
        'crm.opportunity.type', 'crm_sales_method_opportunity_type_rel', 'method_id', 'type_id',
        string='Opportunity Types', help='Opportunities of these types follow this method.')
    is_default = fields.Boolean(
        'Default Method', help='Opportunities whose type has no method of its own follow this one.')
    control_mode = fields.Selection(CONTROL_MODES, 'Stage Control', required=True, default='strict')
    auto_advance = fields.Boolean(
        'Milestone Auto-advance',
        help='When the last required task of a stage is done, the opportunity moves to the next stage by itself.')
    stage_ids = fields.One2many('crm.stage', 'sales_method_id', string='Stages')
    opportunity_count = fields.Integer(compute='_compute_opportunity_count', string='Open Opportunities')

    @api.constrains('opportunity_type_ids', 'company_id', 'active')
    def _check_one_method_per_type(self):
        """An opportunity type follows one method per company, or the pipeline would be ambiguous."""
        for method in self.filtered('active'):
            # a company's own method may cover a type that a shared method covers too: it wins there
            clash = self.sudo().search([
                ('id', '!=', method.id),
                ('opportunity_type_ids', 'in', method.opportunity_type_ids.ids),
                ('company_id', '=', method.company_id.id),
            ], limit=1)
            if clash:
                types = method.opportunity_type_ids & clash.opportunity_type_ids
                raise ValidationError(_('%(types)s already follow the sales method "%(method)s": an opportunity '
                                        'type can follow only one method.') % {
                                            'types': ', '.join(types.mapped('name')), 'method': clash.name})

    @api.constrains('is_default', 'company_id', 'active')
    def _check_one_default(self):
        for method in self.filtered(lambda m: m.is_default and m.active):
            if self.sudo().search_count([('id', '!=', method.id), ('is_default', '=', True),
                                         ('company_id', '=', method.company_id.id)]):
                raise ValidationError(_('There is already a default sales method for this company.'))

    def _compute_opportunity_count(self):
        counts = self.env['crm.lead'].read_group(
            [('sales_method_id', 'in', self.ids), ('type', '=', 'opportunity'), ('probability', '<', 100)],
            ['sales_method_id'], ['sales_method_id'])
        by_method = {count['sales_method_id'][0]: count['sales_method_id_count'] for count in counts}
        for method in self:
            method.opportunity_count = by_method.get(method.id, 0)

    @api.model
    def _method_for(self, opportunity_type, company):
        """The method an opportunity of ``opportunity_type`` in ``company`` follows: the one of its type
        (the company's own before a shared one), else the company's default method; may be empty."""
        Method = self.sudo()
        company_domain = ['|', ('company_id', '=', False), ('company_id', '=', company.id)]
        method = Method.browse()
        if opportunity_type:
            method = Method.search([('opportunity_type_ids', 'in', opportunity_type.ids)] + company_domain,
                                   order='company_id, sequence, id', limit=1)
        if not method:
            method = Method.search([('is_default', '=', True)] + company_domain,
                                   order='company_id, sequence, id', limit=1)
        return method

    def _ordered_stages(self):
        """The method's stages in pipeline order."""
        self.ensure_one()
        return self.stage_ids.sorted(lambda stage: (stage.sequence, stage.id))

    @api.multi
    def unlink(self):
        check_not_used_by_leads(self, 'sales_method_id')
        return super(CrmSalesMethod, self).unlink()

    @api.multi
    def action_open_pipeline(self):
        """This method's pipeline: its opportunities in a kanban of its stages only."""
        self.ensure_one()
        action = self.env.ref('crm.crm_lead_opportunities_tree_view').read()[0]
        # crm's action lists its list view first: the pipeline opens as the kanban of the stages
        views = action.get('views') or []
        action['views'] = [view for view in views if view[1] == 'kanban'] + \
            [view for view in views if view[1] != 'kanban']
        name = _('Pipeline: %s') % self.name
        action.update({
            'name': name, 'display_name': name,  # the web client titles the breadcrumb with display_name
            'domain': [('type', '=', 'opportunity'), ('sales_method_id', '=', self.id)],
            'context': {'default_type': 'opportunity', 'default_sales_method_id': self.id,
                        'default_user_id': self.env.uid, 'search_default_assigned_to_me': 1},
        })
        return action
