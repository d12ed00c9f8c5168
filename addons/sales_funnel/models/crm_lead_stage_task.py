from odoo import _, api, fields, models
from odoo.exceptions import UserError


class CrmLeadStageTask(models.Model):
    """A task of an opportunity at one stage: copied from the stage's templates when the opportunity
    enters the stage, or added by hand. Marking the last required task of a stage done may move the
    opportunity on (milestone auto-advance of its method)."""
    _name = 'crm.lead.stage.task'
    _description = 'Opportunity Stage Task'
    _order = 'lead_id, stage_sequence, sequence, id'

    lead_id = fields.Many2one('crm.lead', 'Opportunity', required=True, index=True, ondelete='cascade')
    # crm.stage refuses to delete a stage with tasks (see its unlink); the module's uninstall deletes them.
    stage_id = fields.Many2one('crm.stage', 'Stage', required=True, index=True, ondelete='cascade')
    stage_sequence = fields.Integer(related='stage_id.sequence', store=True, readonly=True)
    template_id = fields.Many2one('crm.stage.task.template', 'From Template', index=True, ondelete='set null',
                                  readonly=True)
    name = fields.Char('Task', required=True)
    sequence = fields.Integer(default=10)
    required = fields.Boolean(default=True)
    description = fields.Text('Definition of Done')
    requires_document = fields.Boolean('Document Required')
    document_name = fields.Char('Document')
    attachment_ids = fields.Many2many('ir.attachment', 'crm_lead_stage_task_attachment_rel', 'task_id',
                                      'attachment_id', string='Documents')
    done = fields.Boolean(index=True, copy=False)
    done_date = fields.Datetime('Done On', readonly=True, copy=False)
    done_user_id = fields.Many2one('res.users', 'Done By', readonly=True, copy=False)
    note = fields.Text()
    is_current_stage = fields.Boolean(compute='_compute_is_current_stage', string='Current Stage')
    company_id = fields.Many2one(related='lead_id.company_id', store=True, readonly=True, index=True)
    user_id = fields.Many2one(related='lead_id.user_id', string='Salesperson', store=True, readonly=True)

    _sql_constraints = [
        ('template_once_per_lead', 'unique(lead_id, template_id)',
         'A stage task is copied only once onto an opportunity.'),
    ]

    @api.depends('stage_id', 'lead_id.stage_id')
    def _compute_is_current_stage(self):
        for task in self:
            task.is_current_stage = task.stage_id == task.lead_id.stage_id

    @api.model
    def create(self, vals):
        task = super(CrmLeadStageTask, self).create(vals)
        task._check_stage_of_method()
        if task.done:
            task._check_documents()
            task.write({'done_date': fields.Datetime.now(), 'done_user_id': self.env.uid})
        return task

    @api.multi
    def write(self, vals):
        if 'stage_id' in vals or 'lead_id' in vals:
            if any(task.template_id for task in self):
                raise UserError(_('A task that comes from the sales method stays at its stage.'))
        just_done = self.filtered(lambda task: not task.done) if vals.get('done') else self.browse()
        if vals.get('done') is False:
            vals = dict(vals, done_date=False, done_user_id=False)
        elif just_done:
            vals = dict(vals, done_date=fields.Datetime.now(), done_user_id=self.env.uid)
        result = super(CrmLeadStageTask, self).write(vals)
        if 'stage_id' in vals or 'lead_id' in vals:
            self._check_stage_of_method()
        self.filtered('done')._check_documents()
        if just_done:
            just_done.mapped('lead_id')._advance_if_stage_tasks_done()
        return result

    def _check_stage_of_method(self):
        for task in self:
            if task.stage_id.sales_method_id != task.lead_id.sales_method_id:
                raise UserError(_('The stage "%(stage)s" is not a stage of the sales method of %(lead)s.') % {
                    'stage': task.stage_id.name, 'lead': task.lead_id.display_name})

    def _check_documents(self):
        for task in self.filtered(lambda task: task.requires_document and not task.attachment_ids):
            raise UserError(_('"%(task)s" needs a document (%(document)s): attach it before marking the task '
                              'done.') % {'task': task.name, 'document': task.document_name or _('any document')})

    @api.multi
    def action_mark_done(self):
        self.write({'done': True})
        return True

    @api.multi
    def action_mark_open(self):
        self.write({'done': False})
        return True
