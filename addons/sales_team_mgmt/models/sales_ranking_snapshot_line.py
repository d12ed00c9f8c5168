from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.addons.crm_lifecycle.models.trusted_context import is_module_uninstall

from .sales_ranking_snapshot import RANKING_METRICS


class SalesRankingSnapshotLine(models.Model):
    """One salesperson's place in a ranking snapshot; written with the snapshot, never changed."""
    _name = 'sales.ranking.snapshot.line'
    _description = 'Sales Ranking'
    _order = 'date desc, metric, rank, id'
    _rec_name = 'user_id'

    snapshot_id = fields.Many2one('sales.ranking.snapshot', 'Snapshot', required=True, readonly=True, index=True,
                                  ondelete='cascade')
    company_id = fields.Many2one('res.company', 'Company', required=True, readonly=True, index=True)
    metric = fields.Selection(RANKING_METRICS, required=True, readonly=True)
    date = fields.Date('Taken On', required=True, readonly=True)
    period_start = fields.Date('Period Start', required=True, readonly=True)
    is_latest = fields.Boolean(related='snapshot_id.is_latest', string='Latest')
    rank = fields.Integer(required=True, readonly=True)
    user_id = fields.Many2one('res.users', 'Salesperson', required=True, readonly=True, index=True)
    team_id = fields.Many2one('crm.team', 'Sales Team', readonly=True)
    value = fields.Float(readonly=True, group_operator='max')

    @api.multi
    def write(self, vals):
        if not is_module_uninstall(self.env):
            raise UserError(_('A ranking snapshot cannot be changed: past rankings stay as they were.'))
        return super(SalesRankingSnapshotLine, self).write(vals)

    @api.multi
    def unlink(self):
        if not is_module_uninstall(self.env):
            raise UserError(_('A ranking snapshot cannot be deleted: past rankings stay as they were.'))
        return super(SalesRankingSnapshotLine, self).unlink()
