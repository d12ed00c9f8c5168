"""Invoices and payments as the accountant enters them, for the tests of attainment, rankings and commission."""


def create_invoice(env, customer, user, amount, date, kind='out_invoice', post=True):
    """A customer invoice (or credit note) of one revenue line of ``amount`` for ``user``'s team."""
    account = env['account.account'].search([
        ('user_type_id', '=', env.ref('account.data_account_type_revenue').id),
        ('company_id', '=', env.user.company_id.id)], limit=1)
    invoice = env['account.invoice'].with_context(type=kind).create({
        'partner_id': customer.id, 'type': kind, 'user_id': user.id, 'team_id': user.sale_team_id.id,
        'date_invoice': date, 'account_id': customer.property_account_receivable_id.id,
        'invoice_line_ids': [(0, 0, {'name': '测试货款', 'quantity': 1, 'price_unit': amount,
                                     'account_id': account.id})]})
    if post:
        invoice.action_invoice_open()
    return invoice


def register_payment(invoice, amount, date):
    """A posted customer payment of ``amount`` on ``invoice``, by the user of the invoice's environment."""
    journal = invoice.env['account.journal'].search([('type', '=', 'bank'),
                                                     ('company_id', '=', invoice.company_id.id)], limit=1)
    payment = invoice.env['account.payment'].create({
        'payment_type': 'inbound', 'partner_type': 'customer', 'partner_id': invoice.partner_id.id,
        'amount': amount, 'journal_id': journal.id, 'payment_date': date,
        'payment_method_id': invoice.env.ref('account.account_payment_method_manual_in').id,
        'invoice_ids': [(6, 0, invoice.ids)], 'communication': invoice.number})
    payment.post()
    return payment
