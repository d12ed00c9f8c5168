from datetime import date

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class SaleContractReportWizard(models.TransientModel):
    """The contract reports for a period, in one Excel workbook: contract amounts, planned against
    collected, and the ageing of overdue instalments (as of today). Read as the user: he gets the
    contracts and instalments his record rules let him see."""
    _name = 'sale.contract.report.wizard'
    _description = 'Contract Reports (Excel)'

    date_from = fields.Date('From', required=True, default=lambda self: date.today().replace(month=1, day=1))
    date_to = fields.Date('To', required=True, default=lambda self: date.today().replace(month=12, day=31))
    team_id = fields.Many2one('crm.team', 'Sales Team')
    user_id = fields.Many2one('res.users', 'Salesperson')

    @api.constrains('date_from', 'date_to')
    def _check_dates(self):
        for wizard in self:
            if wizard.date_to < wizard.date_from:
                raise ValidationError(_('The period ends before it starts.'))

    def _filter_domain(self, date_field='date'):
        domain = []
        if date_field:
            domain += [(date_field, '>=', self.date_from), (date_field, '<=', self.date_to)]
        if self.team_id:
            domain.append(('team_id', '=', self.team_id.id))
        if self.user_id:
            domain.append(('user_id', '=', self.user_id.id))
        return domain

    @api.multi
    def action_export_xlsx(self):
        self.ensure_one()
        return self.env.ref('contract_mgmt.sale_contract_report_xlsx').report_action(self)
