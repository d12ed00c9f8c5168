from odoo import _, api, fields, models
from odoo.addons.crm_lifecycle.models.trusted_context import trusted_flag
from odoo.exceptions import UserError

# Context flags honoured for the superuser only (trusted_context): set by code that moves opportunities on
# purpose past the stage rules (a change of type, data migrations) …
SKIP_STAGE_RULES = 'crm_skip_stage_rules'
# … or that loads opportunities together with their stage history (demo data).
SKIP_STAGE_HISTORY = 'crm_skip_stage_history'


class CrmLead(models.Model):
    """Opportunities follow the sales method of their type: its stages, its stage tasks and its rules
    (strict or loose gating, milestone auto-advance), and every stage change is written to the stage
    history, which the funnel analytics, the forecast and the exception cron read."""
    _inherit = 'crm.lead'

    sales_method_id = fields.Many2one(
        'crm.sales.method', 'Sales Method', index=True, readonly=True, ondelete='set null',  # see unlink
        track_visibility='onchange', help='Given by the opportunity type: its pipeline, stages and stage tasks.')
    stage_id = fields.Many2one(
        domain="[('sales_method_id', '=', sales_method_id), '|', ('team_id', '=', False), ('team_id', '=', team_id)]")
    stage_task_ids = fields.One2many('crm.lead.stage.task', 'lead_id', string='Stage Tasks')
    current_stage_task_ids = fields.One2many(
        'crm.lead.stage.task', compute='_compute_current_stage_tasks', string='Tasks of the Current Stage')
    open_required_task_count = fields.Integer(compute='_compute_current_stage_tasks', string='Open Required Tasks')
    stage_history_ids = fields.One2many('crm.lead.stage.history', 'lead_id', string='Stage History', readonly=True)
    stage_max_days = fields.Integer(related='stage_id.max_days', readonly=True, string='Maximum Days in Stage')
    days_in_stage = fields.Integer(compute='_compute_days_in_stage', string='Days in Stage')

    @api.depends('stage_id', 'stage_task_ids.done', 'stage_task_ids.stage_id')
    def _compute_current_stage_tasks(self):
        for lead in self:
            tasks = lead.stage_task_ids.filtered(lambda task: task.stage_id == lead.stage_id)
            lead.current_stage_task_ids = tasks
            lead.open_required_task_count = len(tasks.filtered(lambda task: task.required and not task.done))

    def _compute_days_in_stage(self):
        now = fields.Datetime.from_string(fields.Datetime.now())
        for lead in self:
            since = lead.date_last_stage_update or lead.create_date
            lead.days_in_stage = (now - fields.Datetime.from_string(since)).days if since else 0

    # ------------------------------------------------------------------------------------------------
    # Which method and stages
    # ------------------------------------------------------------------------------------------------
    def _stage_find(self, team_id=False, domain=None, order='sequence'):
        """Odoo's stage lookup (default stage, the won stage of action_set_won …), limited to the
        pipeline of the opportunities' method (or, from a method's pipeline, of the context's method)."""
        methods = self.mapped('sales_method_id')
        if not self:
            methods = self.env['crm.sales.method'].browse(self.env.context.get('default_sales_method_id') or [])
        method_domain = [('sales_method_id', '=', methods.id if len(methods) == 1 else False)]
        return super(CrmLead, self)._stage_find(team_id=team_id, domain=list(domain or []) + method_domain,
                                                order=order)

    @api.model
    def _read_group_stage_ids(self, stages, domain, order):
        """The kanban of a method's pipeline shows that method's stages only."""
        method_id = self.env.context.get('default_sales_method_id')
        if not method_id:
            return super(CrmLead, self)._read_group_stage_ids(stages, domain, order)
        return stages.search(['|', ('id', 'in', stages.ids), ('sales_method_id', '=', method_id)], order=order)

    @api.model
    def _sales_method_values(self, vals, company):
        """The method (and, if the given stage is not one of it, its first stage) of an opportunity
        created with ``vals``."""
        Method = self.env['crm.sales.method']
        opportunity_type = self.env['crm.opportunity.type'].browse(vals.get('opportunity_type_id') or [])
        context_method = Method.browse(self.env.context.get('default_sales_method_id') or [])
        if not opportunity_type and context_method.opportunity_type_ids:
            # created in a method's pipeline: an opportunity of that method
            opportunity_type = context_method.opportunity_type_ids[:1]
            vals = dict(vals, opportunity_type_id=opportunity_type.id)
        method = Method._method_for(opportunity_type, company)
        values = {'sales_method_id': method.id}
        stage = self.env['crm.stage'].browse(vals.get('stage_id') or [])
        if stage.sales_method_id != method:
            stage = self._first_stage_of(method, vals.get('team_id'))
            values['stage_id'] = stage.id
            if stage.on_change and 'probability' not in vals:
                values['probability'] = stage.probability
        return dict(vals, **values)

    @api.model
    def _first_stage_of(self, method, team_id):
        """Where an opportunity of ``method`` starts: its first stage; without method, the first open
        stage of the generic pipeline."""
        if method:
            return method._ordered_stages()[:1]
        return self.browse().with_context(default_sales_method_id=False)._stage_find(
            team_id=team_id, domain=[('fold', '=', False)])

    # ------------------------------------------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------------------------------------------
    @api.model
    def create(self, vals):
        company = self.env['res.company'].browse(vals.get('company_id')) or self.env.user.company_id
        lead = super(CrmLead, self).create(self._sales_method_values(vals, company))
        if lead.type == 'opportunity':
            lead._log_stage_changes({lead.id: (None, None, True, 'lead')})
            lead._create_stage_tasks()
        return lead

    @api.multi
    def write(self, vals):
        if 'sales_method_id' in vals and not trusted_flag(self.env, SKIP_STAGE_RULES):
            raise UserError(_('The sales method follows the opportunity type: change the type instead.'))
        if vals.get('stage_id') and not trusted_flag(self.env, SKIP_STAGE_RULES):
            self._check_stage_move(self.env['crm.stage'].browse(vals['stage_id']))
        before = {lead.id: (lead.stage_id, lead.date_last_stage_update, lead.active, lead.type) for lead in self}
        result = super(CrmLead, self).write(vals)
        if {'opportunity_type_id', 'company_id'} & set(vals):
            self._sync_sales_method()
        if {'stage_id', 'active', 'type'} & set(vals):
            entered = self._log_stage_changes(before)
            entered._create_stage_tasks()
            restored = entered.filtered(lambda lead: not before[lead.id][2])
            if restored and 'stage_id' not in vals:
                # the days in the stage count again from the restoration, not from before the loss
                restored.write({'date_last_stage_update': fields.Datetime.now()})
        return result

    def _sync_sales_method(self):
        """After a change of type or company: the method of the new type, and its first stage when the
        current stage is not one of it."""
        Method = self.env['crm.sales.method']
        for lead in self:
            method = Method._method_for(lead.opportunity_type_id, lead.company_id)
            if method == lead.sales_method_id:
                continue
            values = {'sales_method_id': method.id}
            if lead.stage_id.sales_method_id != method:
                values['stage_id'] = self._first_stage_of(method, lead.team_id.id).id
            lead.sudo().with_context(**{SKIP_STAGE_RULES: True}).write(values)

    # ------------------------------------------------------------------------------------------------
    # Stage rules
    # ------------------------------------------------------------------------------------------------
    def _stage_move_problems(self, new_stage):
        """What moving this opportunity to ``new_stage`` breaks in its method: the open required tasks of
        the stage it leaves and the stages it skips (forward moves only). Empty list when none."""
        self.ensure_one()
        method = self.sales_method_id
        old_stage = self.stage_id
        if (not method or not old_stage or old_stage == new_stage or self.type != 'opportunity'
                or not self.active or new_stage.sales_method_id != method):
            return []
        stages = method._ordered_stages()
        if old_stage not in stages or new_stage not in stages:
            return []
        old_index, new_index = list(stages).index(old_stage), list(stages).index(new_stage)
        if new_index < old_index:
            return []  # going back is always allowed, and logged in the history
        problems = []
        open_tasks = self.stage_task_ids.filtered(
            lambda task: task.stage_id == old_stage and task.required and not task.done)
        if open_tasks:
            problems.append(_('required tasks of "%(stage)s" are not done: %(tasks)s') % {
                'stage': old_stage.name, 'tasks': ', '.join(open_tasks.mapped('name'))})
        skipped = stages[old_index + 1:new_index]
        if skipped:
            problems.append(_('it skips %s') % ', '.join('"%s"' % stage.name for stage in skipped))
        return problems

    def _check_stage_move(self, new_stage):
        """Strict methods refuse the move; loose ones log it on the opportunity and let it happen."""
        for lead in self:
            problems = lead._stage_move_problems(new_stage)
            if not problems:
                continue
            message = _('%(lead)s cannot move to "%(stage)s": %(problems)s.') % {
                'lead': lead.display_name, 'stage': new_stage.name, 'problems': '; '.join(problems)}
            if lead.sales_method_id.control_mode == 'strict':
                raise UserError(message + '\n' + _('The sales method "%s" is strict: complete the stage first.')
                                % lead.sales_method_id.name)
            lead.message_post(body=_('Moved to "%(stage)s" although %(problems)s.') % {
                'stage': new_stage.name, 'problems': '; '.join(problems)}, subtype='mail.mt_note')

    @api.onchange('stage_id')
    def _onchange_stage_id_method_rules(self):
        origin = getattr(self, '_origin', self.browse())
        if not origin or not self.stage_id:
            return {}
        problems = origin._stage_move_problems(self.stage_id)
        if not problems:
            return {}
        if origin.sales_method_id.control_mode == 'strict':
            message = _('This move will be refused: %s.') % '; '.join(problems)
        else:
            message = _('You may move on, but it will be noted on the opportunity: %s.') % '; '.join(problems)
        return {'warning': {'title': _('Stage rules of the sales method'), 'message': message}}

    def _advance_if_stage_tasks_done(self):
        """Milestone auto-advance: when the last required task of its stage is done, an opportunity of a
        method with auto-advance moves to the next stage (never into a won stage by itself)."""
        for lead in self.filtered(lambda l: l.type == 'opportunity' and l.active and l.sales_method_id.auto_advance):
            tasks = lead.stage_task_ids.filtered(lambda task: task.stage_id == lead.stage_id and task.required)
            if not tasks or not all(tasks.mapped('done')):
                continue
            stages = lead.sales_method_id._ordered_stages()
            if lead.stage_id not in stages:
                continue
            following = stages[list(stages).index(lead.stage_id) + 1:]
            if following and following[0].probability < 100:
                lead.write({'stage_id': following[0].id})
                lead.message_post(body=_('All required tasks of "%(stage)s" are done: moved on to "%(next)s".') % {
                    'stage': tasks[0].stage_id.name, 'next': following[0].name}, subtype='mail.mt_note')

    def _create_stage_tasks(self):
        """Copy the current stage's task templates onto the opportunities (once per template)."""
        Task = self.env['crm.lead.stage.task'].sudo()
        for lead in self.filtered(lambda l: l.type == 'opportunity' and l.stage_id.task_template_ids):
            copied = lead.stage_task_ids.mapped('template_id')
            for template in lead.stage_id.task_template_ids - copied:
                Task.create({
                    'lead_id': lead.id, 'stage_id': lead.stage_id.id, 'template_id': template.id,
                    'name': template.name, 'sequence': template.sequence, 'required': template.required,
                    'description': template.description, 'requires_document': template.requires_document,
                    'document_name': template.document_name,
                })

    # ------------------------------------------------------------------------------------------------
    # Stage history
    # ------------------------------------------------------------------------------------------------
    def _log_stage_changes(self, before):
        """Write one history row per opportunity of ``self`` whose funnel position changed since
        ``before`` ({id: (stage, date entered, active, type)}). Returns the opportunities that entered a
        stage."""
        if trusted_flag(self.env, SKIP_STAGE_HISTORY):
            return self.browse()
        now = fields.Datetime.now()
        rows, entered = [], self.browse()
        for lead in self:
            old_stage, entered_date, was_active, old_type = before[lead.id]
            if lead.type != 'opportunity':
                continue
            days = 0.0
            if entered_date:
                days = (fields.Datetime.from_string(now) - fields.Datetime.from_string(entered_date)).total_seconds()
                days = round(days / 86400.0, 2)
            row = {'from_stage_id': old_stage.id if old_stage else False, 'to_stage_id': lead.stage_id.id,
                   'days_in_previous_stage': days}
            if old_type != 'opportunity':
                row.update(event='create', from_stage_id=False, days_in_previous_stage=0)
            elif was_active and not lead.active:
                row.update(event='lost', to_stage_id=False)
            elif not was_active and lead.active:
                row.update(event='restore', from_stage_id=False, days_in_previous_stage=0)
            elif lead.active and old_stage != lead.stage_id:
                row['event'] = 'won' if lead.stage_id.probability >= 100 else 'stage'
            else:
                continue
            if row['event'] != 'lost':
                entered |= lead
            row.update(lead_id=lead.id, date=now, changed_by_id=self.env.uid, user_id=lead.user_id.id,
                       team_id=lead.team_id.id, sales_method_id=lead.sales_method_id.id,
                       company_id=lead.company_id.id, amount=lead.planned_revenue)
            rows.append(row)
        History = self.env['crm.lead.stage.history'].sudo()
        for row in rows:
            History.create(row)
        return entered
