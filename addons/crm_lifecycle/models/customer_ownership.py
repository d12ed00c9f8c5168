from odoo import fields, models

OWNERSHIP_ACTIONS = [
    ('claim', 'Claimed from Pool'),
    ('assign', 'Assigned'),
    ('transfer', 'Transferred'),
    ('release', 'Released to Pool'),
    ('recall', 'Recalled to Pool'),
]


class CustomerOwnership(models.Model):
    """One line per change of a customer's owner: who had it, who has it, why, who did it and when.

    Lines are written by the ownership actions of ``res.partner`` (as superuser) and are never edited;
    the re-claim cooldown reads them.
    """
    _name = 'crm.customer.ownership'
    _description = 'Customer Ownership History'
    _order = 'date desc, id desc'
    _rec_name = 'partner_id'

    partner_id = fields.Many2one('res.partner', 'Customer', required=True, index=True, ondelete='cascade')
    from_user_id = fields.Many2one('res.users', 'From', index=True, ondelete='set null',
                                   help='Owner before the change; empty when the customer came from the pool.')
    to_user_id = fields.Many2one('res.users', 'To', index=True, ondelete='set null',
                                 help='Owner after the change; empty when the customer went to the pool.')
    action = fields.Selection(OWNERSHIP_ACTIONS, required=True)
    reason = fields.Text()
    user_id = fields.Many2one('res.users', 'Done by', required=True, ondelete='restrict',
                              default=lambda self: self.env.user)
    date = fields.Datetime(required=True, index=True, default=fields.Datetime.now)
    company_id = fields.Many2one('res.company', 'Company', required=True, index=True,
                                 default=lambda self: self.env.user.company_id)
