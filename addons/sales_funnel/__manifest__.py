{
    'name': 'Sales Funnel',
    'summary': 'Opportunities run by sales methods: numbering, types, importance, '
               'budget, stage tasks, decision teams, funnel analytics and forecasts.',
    'version': '11.0.1.0.0',
    'category': 'Sales',
    'author': 'CRM Suite',
    'license': 'LGPL-3',
    'depends': ['crm_lifecycle'],
    'data': [],
    'demo': [],
    'application': False,
    'installable': True,
}
