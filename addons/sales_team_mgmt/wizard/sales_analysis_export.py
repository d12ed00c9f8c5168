from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression
from odoo.tools.safe_eval import safe_eval

# The subjects of the analysis matrix: model, base domain and context (as the Analysis menu's actions) and
# measures. "__count" is the number of records of each group. Opportunities include the lost (archived) ones,
# for the won/lost analysis.
SUBJECTS = {
    'customers': ('res.partner', [('customer', '=', True), ('parent_id', '=', False)], {}, ['__count']),
    'leads': ('crm.lead', [('type', '=', 'lead')], {}, ['__count', 'planned_revenue']),
    'opportunities': ('crm.lead', [('type', '=', 'opportunity')], {'active_test': False},
                      ['__count', 'planned_revenue']),
    'sales': ('sale.report', [('state', 'in', ('sale', 'done'))], {}, ['__count', 'price_subtotal', 'price_total']),
    'employees': ('sales.plan.attainment', [], {}, ['target', 'actual', 'gap']),
    'products': ('sale.report', [('state', 'in', ('sale', 'done'))], {}, ['product_uom_qty', 'price_total']),
}
SUBJECT_LABELS = [
    ('customers', 'Customers'),
    ('leads', 'Leads'),
    ('opportunities', 'Opportunities'),
    ('sales', 'Sales'),
    ('employees', 'Employees'),
    ('products', 'Products'),
]
INTERVALS = [('day', 'Day'), ('week', 'Week'), ('month', 'Month'), ('quarter', 'Quarter'), ('year', 'Year')]
GROUPABLE_TYPES = ('many2one', 'selection', 'char', 'boolean', 'date', 'datetime', 'integer')


class SalesAnalysisExport(models.TransientModel):
    """Export analysis to Excel: one subject of the analysis matrix, grouped as on screen (a saved filter and/or
    up to two groupings), one row per group and one column per measure. The grid is read with read_group as
    the user, so it holds exactly what his record rules show him in the pivot view."""
    _name = 'sales.analysis.export'
    _description = 'Export Analysis to Excel'

    subject = fields.Selection(SUBJECT_LABELS, required=True, default='opportunities')
    model_name = fields.Char('Model', compute='_compute_model_name')
    filter_id = fields.Many2one('ir.filters', 'Saved Filter', ondelete='cascade',
                                help='Its domain, and its groupings when you choose none below.')
    groupby_field_id = fields.Many2one('ir.model.fields', 'Group by', ondelete='cascade')
    groupby_interval = fields.Selection(INTERVALS, 'Interval', default='month',
                                        help='For a date: one group per day, week, month, quarter or year.')
    groupby2_field_id = fields.Many2one('ir.model.fields', 'Then by', ondelete='cascade')
    groupby2_interval = fields.Selection(INTERVALS, 'Then by Interval', default='month')
    ranking = fields.Boolean('Ranking', help='Sort the rows by the first measure, largest first.')

    @api.depends('subject')
    def _compute_model_name(self):
        for wizard in self:
            wizard.model_name = SUBJECTS[wizard.subject][0] if wizard.subject else False

    @api.onchange('subject')
    def _onchange_subject(self):
        model = SUBJECTS[self.subject][0] if self.subject else False
        if self.filter_id.model_id != model:
            self.filter_id = False
        if self.groupby_field_id.model != model:
            self.groupby_field_id = False
        if self.groupby2_field_id.model != model:
            self.groupby2_field_id = False
        field_domain = [('model', '=', model), ('store', '=', True), ('ttype', 'in', GROUPABLE_TYPES)]
        return {'domain': {'filter_id': [('model_id', '=', model)], 'groupby_field_id': field_domain,
                           'groupby2_field_id': field_domain}}

    @api.constrains('subject', 'filter_id', 'groupby_field_id', 'groupby2_field_id')
    def _check_subject(self):
        for wizard in self:
            model = SUBJECTS[wizard.subject][0]
            if wizard.filter_id and wizard.filter_id.model_id != model:
                raise UserError(_('The saved filter "%s" is not one of this subject.') % wizard.filter_id.name)
            for field in wizard.groupby_field_id | wizard.groupby2_field_id:
                if field.model != model or not field.store or field.ttype not in GROUPABLE_TYPES:
                    raise UserError(_('The analysis of this subject cannot be grouped by "%s".')
                                    % field.field_description)

    def _groupbys(self):
        """The groupings: those chosen here, else those of the saved filter."""
        groupbys = []
        for field, interval in ((self.groupby_field_id, self.groupby_interval),
                                (self.groupby2_field_id, self.groupby2_interval)):
            if field:
                groupbys.append(field.name + (':' + interval if field.ttype in ('date', 'datetime') else ''))
        if not groupbys and self.filter_id:
            context = safe_eval(self.filter_id.context or '{}', {'uid': self.env.uid})
            groupbys = context.get('group_by') or []
            groupbys = [groupbys] if isinstance(groupbys, str) else list(groupbys)
        if not groupbys:
            raise UserError(_('Choose how to group the analysis, or a saved filter that groups it.'))
        model = self.env[SUBJECTS[self.subject][0]]
        for groupby in groupbys:
            field = model._fields.get(groupby.split(':')[0])
            if not field or not field.store:
                raise UserError(_('The analysis of this subject cannot be grouped by "%s".') % groupby)
        return groupbys

    def _domain(self):
        domain = SUBJECTS[self.subject][1]
        if self.filter_id:
            domain = expression.AND([domain, self.filter_id._get_eval_domain()])
        return domain

    @api.multi
    def _grid(self):
        """(headers, rows) of the export: the labels of the groups, then the measures, read as the user."""
        self.ensure_one()
        model_name, _domain, context, measures = SUBJECTS[self.subject]
        Model = self.env[model_name].with_context(**context)
        groupbys = self._groupbys()
        fields_info = Model.fields_get([groupby.split(':')[0] for groupby in groupbys] +
                                       [measure for measure in measures if measure != '__count'])
        headers = [fields_info[groupby.split(':')[0]]['string'] for groupby in groupbys] + [
            _('Count') if measure == '__count' else fields_info[measure]['string'] for measure in measures]
        read_fields = [groupby.split(':')[0] for groupby in groupbys] + [
            measure for measure in measures if measure != '__count']
        groups = Model.read_group(self._domain(), read_fields, groupbys, lazy=False)
        rows = []
        for group in groups:
            labels = [self._label(group[groupby], fields_info[groupby.split(':')[0]]) for groupby in groupbys]
            rows.append(labels + [group.get(measure) or 0 for measure in measures])
        if self.ranking:
            rows.sort(key=lambda row: -row[len(groupbys)])
        return headers, rows

    @staticmethod
    def _label(value, field_info):
        if field_info['type'] == 'boolean':
            return _('Yes') if value else _('No')
        if value is False or value is None:
            return _('Undefined')
        if field_info['type'] == 'many2one':
            return value[1]
        if field_info['type'] == 'selection':
            return dict(field_info['selection']).get(value, value)
        return str(value)

    @api.multi
    def action_export(self):
        self.ensure_one()
        self._grid()  # refuse a bad request here, with a message, rather than in the download
        return self.env.ref('sales_team_mgmt.sales_analysis_xlsx').report_action(self)
