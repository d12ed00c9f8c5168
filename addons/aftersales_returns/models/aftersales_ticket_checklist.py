from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.addons.crm_lifecycle.models.trusted_context import is_module_uninstall

AFTERSALES_MANAGER = 'aftersales_returns.group_aftersales_manager'


class AftersalesTicketChecklist(models.Model):
    """A step of a ticket's process, ticked off by the agent. Only after-sales managers may make a step optional
    or remove a mandatory one: otherwise the closing rule would be one click away."""
    _name = 'aftersales.ticket.checklist'
    _description = 'Service Ticket Checklist Step'
    _order = 'ticket_id, sequence, id'

    ticket_id = fields.Many2one('aftersales.ticket', string='Ticket', required=True, index=True, ondelete='cascade')
    name = fields.Char('Step', required=True)
    sequence = fields.Integer(default=10)
    mandatory = fields.Boolean(default=False)
    done = fields.Boolean()
    done_user_id = fields.Many2one('res.users', string='Done by', readonly=True)
    done_date = fields.Datetime('Done on', readonly=True)
    step_id = fields.Many2one('aftersales.ticket.template.step', string='Template Step', readonly=True,
                              ondelete='set null')
    company_id = fields.Many2one(related='ticket_id.company_id', store=True, readonly=True, index=True)

    @api.model
    def create(self, vals):
        if vals.get('done'):
            vals.update(done_user_id=self.env.uid, done_date=fields.Datetime.now())
        line = super(AftersalesTicketChecklist, self).create(vals)
        line.ticket_id._check_checklist_editable()
        return line

    @api.multi
    def write(self, vals):
        self.mapped('ticket_id')._check_checklist_editable()
        if 'mandatory' in vals and self.filtered(lambda line: line.mandatory != bool(vals['mandatory'])):
            self._check_manager(_('Only after-sales managers may change whether a step is mandatory.'))
        if 'done' in vals:
            vals.update(done_user_id=vals['done'] and self.env.uid or False,
                        done_date=vals['done'] and fields.Datetime.now() or False)
        return super(AftersalesTicketChecklist, self).write(vals)

    @api.multi
    def unlink(self):
        if not is_module_uninstall(self.env):
            self.mapped('ticket_id')._check_checklist_editable()
            if self.filtered('mandatory'):
                self._check_manager(_('Only after-sales managers may remove a mandatory step.'))
        return super(AftersalesTicketChecklist, self).unlink()

    def _check_manager(self, message):
        user = self.env.user
        if not (user._is_superuser() or user.has_group(AFTERSALES_MANAGER)):
            raise UserError(message)
