from odoo import api, models

# Set while contract_mgmt is uninstalled: the sales forecast view is rebuilt without the payment plans'
# query (report/crm_forecast_report_payment_plan.py).
WITHOUT_PAYMENT_PLANS = 'forecast_without_payment_plans'


class IrModuleModule(models.Model):
    _inherit = 'ir.module.module'

    @api.multi
    def module_uninstall(self):
        """The sales forecast view reads the payment plans: rebuilt without them first, or dropping their
        tables would drop it too (CASCADE) and leave sales_funnel's forecast without a view."""
        if 'contract_mgmt' in self.mapped('name'):
            self.env['crm.forecast.report'].with_context(**{WITHOUT_PAYMENT_PLANS: True}).init()
        return super(IrModuleModule, self).module_uninstall()
