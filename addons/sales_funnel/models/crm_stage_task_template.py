from odoo import fields, models


class CrmStageTaskTemplate(models.Model):
    """A task of a sales method's stage (e.g. "Send the proposal" at the proposal stage), copied onto each
    opportunity that enters the stage."""
    _name = 'crm.stage.task.template'
    _description = 'Stage Task Template'
    _order = 'stage_id, sequence, id'

    name = fields.Char('Task', required=True, translate=True)
    sequence = fields.Integer(default=10)
    stage_id = fields.Many2one('crm.stage', 'Stage', required=True, index=True, ondelete='cascade')
    sales_method_id = fields.Many2one(related='stage_id.sales_method_id', store=True, readonly=True)
    required = fields.Boolean(
        default=True, help='A strict method refuses to leave the stage forward while a required task is open.')
    description = fields.Text(
        'Definition of Done', translate=True, help='What "done" means for this task, shown to the salesperson.')
    requires_document = fields.Boolean(
        'Document Required', help='The task can be marked done only with a document attached (e.g. the proposal).')
    document_name = fields.Char('Document', translate=True, help='Which document, e.g. "技术方案".')
    active = fields.Boolean(default=True)
