from odoo import api, models


class ReportSaleContract(models.AbstractModel):
    """The values of the printed contract: only contracts the user may read, refused with a clear access error
    before anything is rendered."""
    _name = 'report.contract_mgmt.report_sale_contract'
    _description = 'Printed Contract'

    @api.model
    def get_report_values(self, docids, data=None):
        contracts = self.env['sale.contract'].browse(docids)
        contracts.check_access_rights('read')
        contracts.check_access_rule('read')
        return {
            'doc_ids': docids,
            'doc_model': 'sale.contract',
            'docs': contracts,
            'data': data,
        }
