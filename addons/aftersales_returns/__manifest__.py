{
    'name': 'After-sales and Returns',
    'summary': 'Returns linked to stock and finance, service tickets with SLA.',
    'version': '11.0.1.0.0',
    'category': 'Sales',
    'author': 'CRM Suite',
    'license': 'LGPL-3',
    'depends': ['contract_mgmt'],
    'data': [],
    'demo': [],
    'application': False,
    'installable': True,
}
