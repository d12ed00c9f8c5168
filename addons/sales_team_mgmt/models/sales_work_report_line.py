from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class SalesWorkReportLine(models.Model):
    """One activity of a work report: which customer or opportunity, what was done, what came of it."""
    _name = 'sales.work.report.line'
    _description = 'Work Report Activity'
    _order = 'report_id, sequence, id'

    report_id = fields.Many2one('sales.work.report', string='Work Report', required=True, index=True,
                                ondelete='cascade')
    sequence = fields.Integer(default=10)
    partner_id = fields.Many2one('res.partner', string='Customer', index=True, ondelete='set null',
                                 domain=[('customer', '=', True)])
    lead_id = fields.Many2one('crm.lead', string='Opportunity', index=True, ondelete='set null')
    activity = fields.Text(string='Activity', required=True, help='What was done: a visit, a call, a quotation...')
    result = fields.Text(string='Result')
    hours = fields.Float(string='Hours')
    follow_up_id = fields.Many2one('crm.customer.follow.up', string='Follow-up', index=True, ondelete='set null',
                                   readonly=True, help='The follow-up this line was filled from.')
    company_id = fields.Many2one('res.company', related='report_id.company_id', store=True, index=True,
                                 readonly=True)

    @api.constrains('hours')
    def _check_hours(self):
        for line in self:
            if not 0 <= line.hours <= 24:
                raise ValidationError(_('The hours of an activity must be between 0 and 24.'))

    @api.onchange('lead_id')
    def _onchange_lead_id(self):
        if self.lead_id.partner_id:
            self.partner_id = self.lead_id.partner_id.commercial_partner_id

    # Lines follow their report: only its author changes them, only while it is a draft.
    @api.model
    def create(self, vals):
        line = super(SalesWorkReportLine, self).create(vals)
        line.report_id._check_write_allowed({'line_ids': True})
        return line

    @api.multi
    def write(self, vals):
        self.mapped('report_id')._check_write_allowed({'line_ids': True})
        result = super(SalesWorkReportLine, self).write(vals)
        if 'report_id' in vals:
            self.mapped('report_id')._check_write_allowed({'line_ids': True})
        return result

    @api.multi
    def unlink(self):
        self.mapped('report_id')._check_write_allowed({'line_ids': True})
        return super(SalesWorkReportLine, self).unlink()
