from odoo import fields, models


class SaleContract(models.Model):
    """The date by which the customer should accept the delivery: the alerts remind the owner of it."""
    _inherit = 'sale.contract'

    acceptance_due_date = fields.Date('Acceptance Due', track_visibility='onchange')
