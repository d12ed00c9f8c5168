{
    'name': 'Contract Management',
    'summary': 'Contracts from drafting to collection: templates, approvals, '
               'amendments, payment plans, invoices, alerts.',
    'version': '11.0.1.0.0',
    'category': 'Sales',
    'author': 'CRM Suite',
    'license': 'LGPL-3',
    'depends': ['quote_pricing', 'account_invoicing', 'sale_stock'],
    'data': [],
    'demo': [],
    'application': False,
    'installable': True,
}
