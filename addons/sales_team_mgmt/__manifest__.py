{
    'name': 'Sales Team Management',
    'summary': 'Sales plans and targets, performance and rankings, commission, work '
               'logs and the sales console.',
    'version': '11.0.1.0.0',
    'category': 'Sales',
    'author': 'CRM Suite',
    'license': 'LGPL-3',
    'depends': ['contract_mgmt', 'competitor'],
    'data': [],
    'demo': [],
    'application': False,
    'installable': True,
}
