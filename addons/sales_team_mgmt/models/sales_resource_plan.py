import math
from collections import defaultdict
from datetime import datetime

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.addons.crm_lifecycle.models.trusted_context import trusted_flag

# Set by action_compute on its own sudo() write of the results (honoured only for the superuser).
RESOURCE_PLAN_COMPUTE = 'sales_resource_plan_compute'

# What the user enters; changing it makes the computed figures stale.
INPUT_FIELDS = ('sales_method_id', 'target_amount', 'date_from', 'date_to', 'team_id', 'user_id', 'plan_line_id',
                'company_id')
# What only action_compute writes.
RESULT_FIELDS = ('line_ids', 'member_ids', 'average_deal_size', 'deal_size_source', 'won_history_count',
                 'required_won_count', 'month_count', 'lead_conversion_rate', 'lead_history_count',
                 'required_lead_count', 'leads_per_month', 'campaign_spend', 'campaign_lead_count',
                 'cost_per_lead', 'required_spend', 'won_count', 'won_amount', 'pipeline_count',
                 'pipeline_amount', 'expected_amount', 'gap_amount', 'compute_date')

# Plan targets that are amounts (a resource plan turns an amount into deals).
AMOUNT_METRICS = ('signed_amount', 'invoiced_amount', 'collected_amount')

HISTORY_MONTHS = 12


def ceil_count(value):
    """Round a required number of deals, opportunities or leads up; 4.0000000001 is still 4."""
    return int(math.ceil(round(value, 6)))


def month_count(date_from, date_to):
    """Calendar months the period touches (January 15 to February 14 plans two months of leads)."""
    start, end = fields.Date.from_string(date_from), fields.Date.from_string(date_to)
    return (end.year - start.year) * 12 + end.month - start.month + 1


class SalesResourcePlan(models.Model):
    """Resource plan (资源计划): what it takes to reach a target amount in a period.

    From the average deal size of the last 12 months it derives the won deals needed; from the
    historical conversion rate of each stage of the sales method (crm.stage.conversion.report: of the
    opportunities that entered the stage and are closed, the share won) the opportunities needed at each
    stage; from the share of leads converted to opportunities the new leads needed (per month of the period);
    from the cost per lead of past campaigns the marketing spend. Each figure is set against the open
    pipeline of the scope (a team with its sub-teams, a salesperson, or the company) and of each person.
    """
    _name = 'sales.resource.plan'
    _description = 'Resource Plan'
    _order = 'date_from desc, id desc'

    name = fields.Char(required=True)
    company_id = fields.Many2one('res.company', string='Company', required=True, index=True,
                                 default=lambda self: self.env['res.company']._company_default_get(
                                     'sales.resource.plan'))
    currency_id = fields.Many2one(related='company_id.currency_id', readonly=True)
    sales_method_id = fields.Many2one('crm.sales.method', string='Sales Method', required=True, index=True,
                                      help='Its stages, in order, are the steps the required deals go through.')
    plan_line_id = fields.Many2one('sales.plan.line', string='Plan Target', index=True, ondelete='set null',
                                   help='Take the target amount, period, team and salesperson from this target '
                                        'of a sales plan; its sub-targets per salesperson give the shares.')
    target_amount = fields.Monetary('Target Amount', required=True, currency_field='currency_id')
    date_from = fields.Date('From', required=True)
    date_to = fields.Date('To', required=True)
    team_id = fields.Many2one('crm.team', string='Sales Team', index=True,
                              help='The team with its sub-teams; empty with no salesperson for the whole company.')
    user_id = fields.Many2one('res.users', string='Salesperson', index=True,
                              default=lambda self: self.env.user)
    state = fields.Selection([('draft', 'Draft'), ('computed', 'Computed')], default='draft', required=True,
                             readonly=True, index=True, copy=False)
    compute_date = fields.Datetime('Computed On', readonly=True, copy=False)

    line_ids = fields.One2many('sales.resource.plan.line', 'plan_id', string='Stages', readonly=True, copy=False)
    member_ids = fields.One2many('sales.resource.plan.member', 'plan_id', string='People', readonly=True,
                                 copy=False)

    average_deal_size = fields.Monetary('Average Deal Size', readonly=True, copy=False,
                                        help='Average expected revenue of the opportunities of the method won in '
                                             'the last 12 months by the scope (or the company when the scope won '
                                             'none).')
    deal_size_source = fields.Selection([('scope', 'This Scope'), ('company', 'Whole Company')],
                                        string='Deal Size From', readonly=True, copy=False)
    won_history_count = fields.Integer('Won in Last 12 Months', readonly=True, copy=False)
    required_won_count = fields.Integer('Required Won Deals', readonly=True, copy=False)
    month_count = fields.Integer('Months', readonly=True, copy=False)
    lead_conversion_rate = fields.Float('Lead Conversion (%)', readonly=True, copy=False, digits=(16, 1),
                                        help='Share of the leads created in the last 12 months that became '
                                             'opportunities; 100 % when the company has no lead history.')
    lead_history_count = fields.Integer('Leads in Last 12 Months', readonly=True, copy=False)
    required_lead_count = fields.Integer('Required New Leads', readonly=True, copy=False)
    leads_per_month = fields.Integer('New Leads per Month', readonly=True, copy=False)
    campaign_spend = fields.Monetary('Campaign Spend (12 Months)', readonly=True, copy=False)
    campaign_lead_count = fields.Integer('Campaign Leads (12 Months)', readonly=True, copy=False)
    cost_per_lead = fields.Monetary('Cost per Lead', readonly=True, copy=False,
                                    help='Spend of all campaigns in the last 12 months divided by the leads '
                                         'created with them in that time.')
    required_spend = fields.Monetary('Required Marketing Spend', readonly=True, copy=False)
    won_count = fields.Integer('Won in Period', readonly=True, copy=False)
    won_amount = fields.Monetary('Won Amount in Period', readonly=True, copy=False)
    pipeline_count = fields.Integer('Open Opportunities', readonly=True, copy=False)
    pipeline_amount = fields.Monetary('Open Pipeline', readonly=True, copy=False)
    expected_amount = fields.Monetary('Expected from Pipeline', readonly=True, copy=False,
                                      help='Open pipeline weighted by the conversion rate of each stage.')
    gap_amount = fields.Monetary('Gap', readonly=True, copy=False,
                                 help='Target minus won in the period minus expected from the pipeline.')

    # ------------------------------------------------------------------ checks

    @api.constrains('target_amount', 'date_from', 'date_to')
    def _check_target_and_period(self):
        # as superuser: a plan the user may not read is refused by the record rules, not here
        for plan in self.sudo():
            if plan.target_amount <= 0:
                raise ValidationError(_('Resource plan %s: the target amount must be positive.') % plan.name)
            if plan.date_to < plan.date_from:
                raise ValidationError(_('Resource plan %s: the period ends before it starts.') % plan.name)

    @api.constrains('sales_method_id', 'team_id', 'company_id')
    def _check_company(self):
        for plan in self.sudo():
            for record in (plan.sales_method_id, plan.team_id):
                if record.company_id and record.company_id != plan.company_id:
                    raise ValidationError(_('Resource plan %(plan)s: %(record)s belongs to another company.') % {
                        'plan': plan.name, 'record': record.display_name})

    # ------------------------------------------------------------------ plan target

    @api.model
    def _plan_line_values(self, plan_line):
        """Target, period and scope of a sales plan target."""
        if not plan_line:
            return {}
        plan_line = plan_line.sudo()
        if plan_line.metric not in AMOUNT_METRICS:
            raise UserError(_('Target %s does not measure an amount: a resource plan needs a signed, invoiced '
                              'or collected amount.') % plan_line.display_name)
        year = plan_line.plan_id.year
        return {
            'target_amount': plan_line.target,
            'date_from': plan_line.date_start or '%04d-01-01' % year,
            'date_to': plan_line.date_end or '%04d-12-31' % year,
            'team_id': plan_line.team_id.id,
            'user_id': plan_line.user_id.id,
            'company_id': plan_line.company_id.id,
        }

    @api.onchange('plan_line_id')
    def _onchange_plan_line_id(self):
        if self.plan_line_id:
            self.update(self._plan_line_values(self.plan_line_id))

    @api.model
    def create(self, vals):
        if vals.get('plan_line_id'):
            # over RPC too: the plan target fills what the caller did not give
            line_values = self._plan_line_values(self.env['sales.plan.line'].browse(vals['plan_line_id']))
            vals = dict(line_values, **vals)
        if set(RESULT_FIELDS) & set(vals) or vals.get('state', 'draft') != 'draft':
            raise UserError(_('The figures of a resource plan are computed by its Compute button.'))
        return super(SalesResourcePlan, self).create(vals)

    @api.multi
    def write(self, vals):
        if not trusted_flag(self.env, RESOURCE_PLAN_COMPUTE):
            if set(RESULT_FIELDS) & set(vals) or 'state' in vals:
                raise UserError(_('The figures of a resource plan are computed by its Compute button.'))
            if vals.get('plan_line_id'):
                line_values = self._plan_line_values(self.env['sales.plan.line'].browse(vals['plan_line_id']))
                vals = dict(line_values, **vals)
            if set(INPUT_FIELDS) & set(vals):
                # the figures no longer match the input: back to draft without them (the lines are read-only
                # for users, hence the superuser write after the user's own access check)
                self.check_access_rights('write')
                self.check_access_rule('write')
                vals = dict(vals, state='draft', line_ids=[(5, 0, 0)], member_ids=[(5, 0, 0)])
                return super(SalesResourcePlan, self.sudo().with_context(**{RESOURCE_PLAN_COMPUTE: True})).write(
                    vals)
        return super(SalesResourcePlan, self).write(vals)

    # ------------------------------------------------------------------ computation

    def _history_start(self):
        return fields.Datetime.to_string(datetime.now() - relativedelta(months=HISTORY_MONTHS))

    def _scope_domain(self, user=None):
        """Opportunities of the scope (or of one person of it) in the plan's company and method."""
        domain = [('type', '=', 'opportunity'), ('company_id', '=', self.company_id.id),
                  ('sales_method_id', '=', self.sales_method_id.id)]
        if user is not None:
            return domain + [('user_id', '=', user.id)]
        if self.user_id:
            domain.append(('user_id', '=', self.user_id.id))
        if self.team_id:
            domain.append(('team_id', 'child_of', self.team_id.id))
        return domain

    def _stage_rates(self, stages):
        """{stage: (rate %, source, closed opportunities)} from the company's conversion history; the stage
        probability where the history is too thin (as the forecast does) or says no opportunity was won."""
        self.env.cr.execute("""
            SELECT stage_id, closed_count, uses_history, forecast_rate
              FROM crm_stage_conversion_report
             WHERE company_id = %s AND stage_id IN %s""", [self.company_id.id, tuple(stages.ids)])
        history = {row[0]: row[1:] for row in self.env.cr.fetchall()}
        rates = {}
        for stage in stages:
            closed, uses_history, rate = history.get(stage.id, (0, False, None))
            if stage.probability >= 100:
                rates[stage] = (100.0, 'won', closed)
            elif rate and rate > 0:
                rates[stage] = (float(rate), 'history' if uses_history else 'probability', closed)
            elif stage.probability > 0:
                rates[stage] = (stage.probability, 'probability', closed)
            else:
                raise UserError(_('Stage "%s" has no won opportunity in its history and a probability of 0 %%: '
                                  'the opportunities it needs cannot be calculated. Give it a probability.')
                                % stage.name)
        return rates

    def _average_deal_size(self, won_stages):
        """(average, source, count) of the won opportunities of the last 12 months: the scope's, else the
        company's."""
        Lead = self.env['crm.lead'].sudo()
        won = [('stage_id', 'in', won_stages.ids), ('active', '=', True), ('date_closed', '>=', self._history_start())]
        company = [('type', '=', 'opportunity'), ('company_id', '=', self.company_id.id),
                   ('sales_method_id', '=', self.sales_method_id.id)]
        for source, domain in (('scope', self._scope_domain()), ('company', company)):
            groups = Lead.read_group(domain + won, ['planned_revenue', 'company_id'], ['company_id'])
            count = sum(group['company_id_count'] for group in groups)
            total = sum(group['planned_revenue'] or 0.0 for group in groups)
            if count and total > 0:
                return total / count, source, count
        raise UserError(_('No opportunity of the sales method "%s" was won in the last 12 months in this company: '
                          'there is no deal size to plan with.') % self.sales_method_id.name)

    def _lead_conversion(self):
        """(rate %, leads) of the leads created in the last 12 months in the company: the share that became
        opportunities. Opportunities created as such are no leads and do not count."""
        self.env.cr.execute("""
            SELECT COUNT(*) FILTER (WHERE date_conversion IS NOT NULL), COUNT(*)
              FROM crm_lead
             WHERE company_id = %s AND create_date >= %s AND (type = 'lead' OR date_conversion IS NOT NULL)""",
                            [self.company_id.id, self._history_start()])
        converted, total = self.env.cr.fetchone()
        if not converted:
            return 100.0, total
        return 100.0 * converted / total, total

    def _campaign_cost(self):
        """(spend, leads) of the campaigns with costs in the last 12 months: their spend in that time and the
        leads and opportunities created with them in that time (archived ones too)."""
        start = self._history_start()
        self.env.cr.execute("""
            SELECT campaign_id, SUM(amount) FROM sales_campaign_cost
             WHERE company_id = %s AND date >= %s GROUP BY campaign_id""", [self.company_id.id, start[:10]])
        spend_by_campaign = dict(self.env.cr.fetchall())
        if not spend_by_campaign:
            return 0.0, 0
        self.env.cr.execute("""
            SELECT COUNT(*) FROM crm_lead WHERE company_id = %s AND campaign_id IN %s AND create_date >= %s""",
                            [self.company_id.id, tuple(spend_by_campaign), start])
        return float(sum(spend_by_campaign.values())), self.env.cr.fetchone()[0]

    def _pipeline(self, domain, stages, rates):
        """Per stage (count, amount) of the open opportunities of ``domain``; won stages: won in the period."""
        Lead = self.env['crm.lead'].sudo()
        open_stages = stages.filtered(lambda stage: stage.probability < 100)
        won_stages = stages - open_stages
        result = defaultdict(lambda: (0, 0.0))
        period = [('date_closed', '>=', self.date_from), ('date_closed', '<=', self.date_to + ' 23:59:59')]
        for stage_domain in ([('stage_id', 'in', open_stages.ids)], [('stage_id', 'in', won_stages.ids)] + period):
            groups = Lead.read_group(domain + stage_domain + [('active', '=', True)], ['planned_revenue', 'stage_id'],
                                     ['stage_id'])
            # crm.lead expands stage groups to every stage: keep the ones with opportunities
            for group in filter(lambda group: group['stage_id_count'], groups):
                result[group['stage_id'][0]] = (group['stage_id_count'], group['planned_revenue'] or 0.0)
        expected = sum(result[stage.id][1] * rates[stage][0] / 100.0 for stage in open_stages)
        totals = {
            'won_count': sum(result[stage.id][0] for stage in won_stages),
            'won_amount': sum(result[stage.id][1] for stage in won_stages),
            'pipeline_count': sum(result[stage.id][0] for stage in open_stages),
            'pipeline_amount': sum(result[stage.id][1] for stage in open_stages),
            'expected_amount': expected,
        }
        return result, totals

    def _member_shares(self):
        """{user: share} of the people of a team plan: by their sub-targets under the plan target when it has
        any, else equal among the team's (and sub-teams') members. One person for a salesperson's plan."""
        Users = self.env['res.users'].sudo()
        if self.user_id:
            return {self.user_id: 1.0}
        if not self.team_id:
            return {}
        if self.plan_line_id:
            PlanLine = self.env['sales.plan.line'].sudo()
            # the topmost targets of a person below the plan target (not again their splits into months)
            person_lines = PlanLine.search([('id', 'child_of', self.plan_line_id.id), ('user_id', '!=', False),
                                            ('id', '!=', self.plan_line_id.id)])
            person_lines = person_lines.filtered(lambda line: line.parent_id not in person_lines)
            weights = defaultdict(float)
            for line in person_lines:
                weights[line.user_id] += line.target
            total = sum(weights.values())
            if total > 0:
                return {user: weight / total for user, weight in weights.items()}
        members = Users.search([('sale_team_id', 'child_of', self.team_id.id),
                                ('company_ids', 'in', self.company_id.id)], order='name, id')
        return {user: 1.0 / len(members) for user in members}

    @api.multi
    def action_compute(self):
        """Fill the stage and people lines and the totals from the current history and pipeline."""
        self.check_access_rights('write')
        self.check_access_rule('write')
        for plan in self:
            plan.sudo().with_context(**{RESOURCE_PLAN_COMPUTE: True}).write(plan._compute_values())
        return True

    def _compute_values(self):
        self.ensure_one()
        stages = self.sales_method_id._ordered_stages()
        open_stages = stages.filtered(lambda stage: stage.probability < 100)
        won_stages = stages - open_stages
        if not open_stages or not won_stages:
            raise UserError(_('The sales method "%s" needs open stages and a won stage (probability 100 %%) for a '
                              'resource plan.') % self.sales_method_id.name)
        rates = self._stage_rates(stages)
        average, source, won_history = self._average_deal_size(won_stages)
        required_won = ceil_count(self.target_amount / average)
        required = {stage: ceil_count(required_won * 100.0 / rates[stage][0]) for stage in stages}
        first_required = required[open_stages[0]]

        lead_rate, lead_history = self._lead_conversion()
        required_leads = ceil_count(first_required * 100.0 / lead_rate)
        months = month_count(self.date_from, self.date_to)
        spend, campaign_leads = self._campaign_cost()
        cost_per_lead = spend / campaign_leads if campaign_leads else 0.0

        pipeline, totals = self._pipeline(self._scope_domain(), stages, rates)
        lines = [(5, 0, 0)]
        for sequence, stage in enumerate(stages, 1):
            rate, rate_source, closed = rates[stage]
            count, amount = pipeline[stage.id]
            lines.append((0, 0, {
                'sequence': sequence, 'stage_id': stage.id, 'conversion_rate': rate, 'rate_source': rate_source,
                'closed_count': closed, 'required_count': required[stage], 'pipeline_count': count,
                'pipeline_amount': amount, 'gap_count': required[stage] - count,
            }))

        members = [(5, 0, 0)]
        for user, share in sorted(self._member_shares().items(), key=lambda item: (item[0].name or '', item[0].id)):
            target = self.currency_id.round(self.target_amount * share)
            __, person = self._pipeline(self._scope_domain(user=user), stages, rates)
            gap = target - person['won_amount'] - person['expected_amount']
            members.append((0, 0, dict(person, **{
                'user_id': user.id, 'team_id': user.sale_team_id.id, 'share': 100.0 * share,
                'target_amount': target, 'required_won_count': ceil_count(target / average),
                'gap_amount': gap, 'gap_deal_count': ceil_count(gap / average) if gap > 0 else 0,
            })))

        return dict(totals, **{
            'state': 'computed', 'compute_date': fields.Datetime.now(),
            'line_ids': lines, 'member_ids': members,
            'average_deal_size': average, 'deal_size_source': source, 'won_history_count': won_history,
            'required_won_count': required_won, 'month_count': months,
            'lead_conversion_rate': lead_rate, 'lead_history_count': lead_history,
            'required_lead_count': required_leads, 'leads_per_month': ceil_count(float(required_leads) / months),
            'campaign_spend': spend, 'campaign_lead_count': campaign_leads, 'cost_per_lead': cost_per_lead,
            'required_spend': self.currency_id.round(required_leads * cost_per_lead),
            'gap_amount': self.target_amount - totals['won_amount'] - totals['expected_amount'],
        })
