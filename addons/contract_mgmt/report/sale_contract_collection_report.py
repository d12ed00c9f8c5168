from odoo import api, fields, models, tools

from ..models.sale_contract_alert import LIVE_PLAN_DOCUMENT


class SaleContractCollectionReport(models.Model):
    """Planned against collected, by month: a "planned" row per instalment of a signed contract (or a
    confirmed order) on its due date, and a "collected" row per payment received on an instalment invoice
    on its payment date.

    Collected money is read from the reconciliations (account.partial.reconcile) of the invoices'
    receivable lines with lines that belong to no invoice, i.e. payments, not credit notes: the very
    amounts account.invoice.collected_amount adds up (in the company currency). The collection rate of
    any group is its collected sum over its planned sum (computed in read_group, not averaged)."""
    _name = 'sale.contract.collection.report'
    _description = 'Planned vs Collected'
    _auto = False
    _rec_name = 'payment_plan_id'
    _order = 'date desc'

    kind = fields.Selection([('planned', 'Planned'), ('collected', 'Collected')], readonly=True)
    date = fields.Date('Date', readonly=True, help='The due date of a planned instalment, the date of a payment.')
    payment_plan_id = fields.Many2one('sale.payment.plan', 'Instalment', readonly=True)
    contract_id = fields.Many2one('sale.contract', 'Contract', readonly=True)
    sale_order_id = fields.Many2one('sale.order', 'Sales Order', readonly=True)
    partner_id = fields.Many2one('res.partner', 'Customer', readonly=True)
    user_id = fields.Many2one('res.users', 'Salesperson', readonly=True)
    team_id = fields.Many2one('crm.team', 'Sales Team', readonly=True)
    company_id = fields.Many2one('res.company', 'Company', readonly=True)
    planned_amount = fields.Float('Planned', readonly=True)
    collected_amount = fields.Float('Collected', readonly=True)
    collection_rate = fields.Float('Collection Rate (%)', readonly=True, digits=(16, 1),
                                   help='Collected over planned, in percent.')

    @api.model_cr
    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute("""
            CREATE OR REPLACE VIEW sale_contract_collection_report AS (
                SELECT p.id * 2 AS id, 'planned'::varchar AS kind, p.due_date AS date, p.id AS payment_plan_id,
                       p.contract_id, p.sale_order_id, p.partner_id, p.user_id, p.team_id, p.company_id,
                       p.amount AS planned_amount, 0.0 AS collected_amount, NULL::double precision AS collection_rate
                  FROM sale_payment_plan p
                  LEFT JOIN sale_contract c ON c.id = p.contract_id
                  LEFT JOIN sale_order o ON o.id = p.sale_order_id
                 WHERE %s
                UNION ALL
                SELECT apr.id * 2 + 1, 'collected'::varchar, payment.date, p.id,
                       p.contract_id, p.sale_order_id, p.partner_id, p.user_id, p.team_id, p.company_id,
                       0.0, apr.amount, NULL::double precision
                  FROM account_partial_reconcile apr
                  JOIN account_move_line receivable ON receivable.id = apr.debit_move_id
                  JOIN account_invoice inv ON inv.id = receivable.invoice_id AND inv.account_id = receivable.account_id
                  JOIN sale_payment_plan p ON p.id = inv.payment_plan_id
                  JOIN account_move_line payment ON payment.id = apr.credit_move_id
                 WHERE inv.type = 'out_invoice' AND inv.state IN ('open', 'paid') AND payment.invoice_id IS NULL
            )""" % LIVE_PLAN_DOCUMENT)

    @api.model
    def read_group(self, domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True):
        """The rate of a group is collected / planned of the group."""
        with_rate = not fields or any(name.split(':')[0] == 'collection_rate' for name in fields)
        if with_rate and fields:
            fields = list(fields) + [name for name in ('planned_amount', 'collected_amount') if name not in fields]
        orderby = orderby if not (orderby and 'collection_rate' in orderby) else False
        groups = super(SaleContractCollectionReport, self).read_group(
            domain, fields, groupby, offset=offset, limit=limit, orderby=orderby, lazy=lazy)
        if with_rate:
            for group in groups:
                planned = group.get('planned_amount') or 0.0
                group['collection_rate'] = 100.0 * (group.get('collected_amount') or 0.0) / planned \
                    if planned else 0.0
        return groups
