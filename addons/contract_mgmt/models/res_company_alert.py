from odoo import fields, models


class ResCompany(models.Model):
    """How early the daily contract alerts warn, per company (0 turns an alert off)."""
    _inherit = 'res.company'

    contract_alert_end_days = fields.Integer(
        'Contract End Alert (days)', default=30,
        help='The owner of a signed contract is reminded this many days before it ends; 0: no reminder.')
    instalment_alert_due_days = fields.Integer(
        'Instalment Due Alert (days)', default=7,
        help='The salesperson (and the collection accountant) are reminded this many days before an '
             'instalment falls due; 0: no reminder.')
    approval_alert_days = fields.Integer(
        'Approval Waiting Alert (days)', default=3,
        help='The pending approvers are reminded of a contract that has waited this many days for approval; '
             '0: no reminder.')
    acceptance_alert_days = fields.Integer(
        'Acceptance Due Alert (days)', default=7,
        help='The owner of a contract is reminded this many days before its acceptance is due; 0: no reminder.')
    overdue_escalation_days = fields.Integer(
        'Overdue Escalation (days)', default=30,
        help='The leader of the sales team is told of an instalment overdue for more than this many days; '
             '0: never.')
    collection_user_id = fields.Many2one(
        'res.users', string='Collection Accountant',
        help='The accountant who follows up collections: reminded, with the salesperson, of instalments due '
             'and overdue.')
