from datetime import timedelta

from odoo import api, fields, models

# How far back the report's intelligence goes, and how many entries it shows at most.
RECENT_DAYS = 180
RECENT_ENTRIES = 20


def monitoring_values(env, competitors):
    """What the monitoring report says of each competitor, for the PDF and the Excel file alike: its SWOT,
    its recent intelligence, the deals it is in (those the user may see) and the win/loss summary."""
    since = fields.Date.to_string(fields.Date.from_string(fields.Date.context_today(env.user)) -
                                  timedelta(days=RECENT_DAYS))
    Intelligence = env['crm.competitor.intelligence']
    Line = env['crm.lead.competitor'].with_context(active_test=False)
    Summary = env['crm.competitor.winloss.report']
    company = env.user.company_id
    values = {}
    for competitor in competitors:
        swot = {kind: competitor.swot_ids.filtered(lambda entry: entry.kind == kind).mapped('description')
                for kind in ('strength', 'weakness', 'opportunity', 'threat')}
        values[competitor.id] = {
            'swot': swot,
            'intelligence': Intelligence.search([('competitor_id', '=', competitor.id), ('date', '>=', since)],
                                                limit=RECENT_ENTRIES),
            'deals': Line.search([('competitor_id', '=', competitor.id)], order='id desc'),
            'summary': Summary.search([('competitor_id', '=', competitor.id), ('company_id', '=', company.id)],
                                      limit=1),
        }
    return values


class CrmCompetitorMonitoringReport(models.AbstractModel):
    """竞争对手监控报告: per competitor, its profile, SWOT, strategy, recent intelligence, the deals it is in
    and how we fare against it. All competitors in one flow (Debian's wkhtmltopdf fails on several
    documents) and the company block in the page (it drops Odoo's header)."""
    _name = 'report.competitor.report_competitor_monitoring'
    _description = 'Competitor Monitoring Report'

    @api.model
    def get_report_values(self, docids, data=None):
        competitors = self.env['crm.competitor'].browse(docids)
        return {
            'doc_ids': competitors.ids,
            'doc_model': 'crm.competitor',
            'docs': competitors,
            'values': monitoring_values(self.env, competitors),
            'company': self.env.user.company_id,
            'recent_days': RECENT_DAYS,
            'today': fields.Date.context_today(self),
        }
