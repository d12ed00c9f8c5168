from datetime import date

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class AftersalesReturnReportWizard(models.TransientModel):
    """The return statistics of a period in one Excel workbook, read as the user (his record rules)."""
    _name = 'aftersales.return.report.wizard'
    _description = 'Return Statistics (Excel)'

    date_from = fields.Date('From', required=True, default=lambda self: date.today().replace(month=1, day=1))
    date_to = fields.Date('To', required=True, default=lambda self: date.today().replace(month=12, day=31))

    @api.constrains('date_from', 'date_to')
    def _check_dates(self):
        for wizard in self:
            if wizard.date_to < wizard.date_from:
                raise ValidationError(_('The period ends before it starts.'))

    def _filter_domain(self):
        return [('date', '>=', self.date_from), ('date', '<=', self.date_to)]

    @api.multi
    def action_export_xlsx(self):
        self.ensure_one()
        return self.env.ref('aftersales_returns.aftersales_return_report_xlsx').report_action(self)
