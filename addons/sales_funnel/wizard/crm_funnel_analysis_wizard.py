from odoo import _, api, fields, models


class CrmFunnelAnalysisWizard(models.TransientModel):
    """Funnel analysis for a period, team, method or salesperson: the funnel by stage (count, amount,
    promotion rate, days per stage, lost there, and the stage where most are lost) and each salesperson
    against the company average (promotion cycle, promotion rate, win rate, sales cycle, deal size).
    Computed with read_group on the two analysis views; exported to Excel as it is shown."""
    _name = 'crm.funnel.analysis.wizard'
    _description = 'Funnel Analysis'

    date_from = fields.Date('From', default=lambda self: fields.Date.to_string(
        fields.Date.from_string(fields.Date.context_today(self)).replace(month=1, day=1)))
    date_to = fields.Date('To', default=fields.Date.context_today)
    company_id = fields.Many2one('res.company', 'Company', default=lambda self: self.env.user.company_id)
    team_id = fields.Many2one('crm.team', 'Sales Team')
    sales_method_id = fields.Many2one('crm.sales.method', 'Sales Method')
    user_id = fields.Many2one('res.users', 'Salesperson')
    stage_line_ids = fields.One2many('crm.funnel.analysis.stage', 'wizard_id', string='Funnel by Stage')
    user_line_ids = fields.One2many('crm.funnel.analysis.user', 'wizard_id', string='Salespeople')
    most_lost_stage_id = fields.Many2one('crm.stage', 'Most Opportunities Lost At', readonly=True)
    company_win_rate = fields.Float('Company Win Rate (%)', readonly=True, digits=(16, 1))
    company_cycle_days = fields.Float('Company Sales Cycle (days)', readonly=True, digits=(16, 1))
    company_stage_days = fields.Float('Company Days per Stage', readonly=True, digits=(16, 1))

    def _domain(self, date_field, with_user=True):
        domain = []
        if self.date_from:
            domain.append((date_field, '>=', self.date_from))
        if self.date_to:
            domain.append((date_field, '<=', self.date_to + ' 23:59:59'))
        for field in ('company_id', 'team_id', 'sales_method_id') + (('user_id',) if with_user else ()):
            if self[field]:
                domain.append((field, '=', self[field].id))
        return domain

    @api.multi
    def action_compute(self):
        self.ensure_one()
        Funnel = self.env['crm.funnel.report']
        Outcome = self.env['crm.funnel.outcome.report']
        funnel_measures = ['opportunity_count', 'amount', 'promotion_rate', 'days_in_stage', 'lost_count']
        stages = Funnel.read_group(self._domain('date_entered'), funnel_measures + ['stage_id'], ['stage_id'],
                                   orderby='stage_id', lazy=False)
        stage_lines = [(5, 0, 0)] + [(0, 0, {
            'stage_id': group['stage_id'][0], 'opportunity_count': group['opportunity_count'],
            'amount': group['amount'], 'promotion_rate': group['promotion_rate'] or 0.0,
            'days_in_stage': group['days_in_stage'] or 0.0, 'lost_count': group['lost_count'],
        }) for group in stages if group['stage_id']]
        most_lost = max((group for group in stages if group['stage_id'] and group['lost_count']),
                        key=lambda group: group['lost_count'], default=None)
        # the company: the same filters without the salesperson
        closed = self._domain('date_closed', with_user=False) + [('outcome', 'in', ('won', 'lost'))]
        company_outcome = Outcome.read_group(closed, ['win_rate', 'cycle_days'], [], lazy=False)
        company_funnel = Funnel.read_group(self._domain('date_entered', with_user=False), ['days_in_stage'], [],
                                           lazy=False)
        company = {
            'win_rate': company_outcome[0]['win_rate'] or 0.0 if company_outcome else 0.0,
            'cycle_days': company_outcome[0]['cycle_days'] or 0.0 if company_outcome else 0.0,
            'stage_days': company_funnel[0]['days_in_stage'] or 0.0 if company_funnel else 0.0,
        }
        self.write({
            'stage_line_ids': stage_lines,
            'most_lost_stage_id': most_lost['stage_id'][0] if most_lost else False,
            'company_win_rate': company['win_rate'], 'company_cycle_days': company['cycle_days'],
            'company_stage_days': company['stage_days'],
            'user_line_ids': [(5, 0, 0)] + [(0, 0, values) for values in self._user_lines(company)],
        })
        return self._reopen()

    def _user_lines(self, company):
        Funnel = self.env['crm.funnel.report']
        Outcome = self.env['crm.funnel.outcome.report']
        by_user = {}
        for group in Funnel.read_group(self._domain('date_entered'), ['days_in_stage', 'promotion_rate', 'user_id'],
                                       ['user_id'], lazy=False):
            if group['user_id']:
                by_user.setdefault(group['user_id'][0], {}).update(
                    stage_days=group['days_in_stage'] or 0.0, promotion_rate=group['promotion_rate'] or 0.0)
        closed = self._domain('date_closed') + [('outcome', 'in', ('won', 'lost'))]
        for group in Outcome.read_group(closed, ['win_rate', 'cycle_days', 'won_deal_size', 'opportunity_count',
                                                 'won_amount', 'cost', 'user_id'], ['user_id'], lazy=False):
            if group['user_id']:
                by_user.setdefault(group['user_id'][0], {}).update(
                    win_rate=group['win_rate'] or 0.0, cycle_days=group['cycle_days'] or 0.0,
                    won_deal_size=group['won_deal_size'] or 0.0, closed_count=group['opportunity_count'],
                    cost=group['cost'] or 0.0,
                    # return on the sales expenses: what was won for each yuan spent, less that yuan
                    roi=100.0 * (group['won_amount'] - group['cost']) / group['cost'] if group['cost'] else 0.0)
        lines = []
        for user_id, values in by_user.items():
            values = dict({'stage_days': 0.0, 'promotion_rate': 0.0, 'win_rate': 0.0, 'cycle_days': 0.0,
                           'won_deal_size': 0.0, 'closed_count': 0, 'cost': 0.0, 'roi': 0.0}, **values)
            values.update(user_id=user_id,
                          stage_days_vs_company=values['stage_days'] - company['stage_days'],
                          win_rate_vs_company=values['win_rate'] - company['win_rate'],
                          cycle_days_vs_company=values['cycle_days'] - company['cycle_days'])
            lines.append(values)
        return sorted(lines, key=lambda line: -line['win_rate'])

    def _reopen(self):
        return {'type': 'ir.actions.act_window', 'res_model': self._name, 'res_id': self.id, 'view_mode': 'form',
                'target': 'current', 'name': _('Funnel Analysis')}

    @api.multi
    def action_export_xlsx(self):
        self.ensure_one()
        if not self.stage_line_ids:
            self.action_compute()
        return self.env.ref('sales_funnel.crm_funnel_analysis_xlsx').report_action(self)
