{
    'name': 'Competitors',
    'summary': 'Competitors, SWOT, bids per opportunity and win/loss analysis.',
    'version': '11.0.1.0.0',
    'category': 'Sales',
    'author': 'CRM Suite',
    'license': 'LGPL-3',
    'depends': ['sales_funnel'],
    'data': [],
    'demo': [],
    'application': False,
    'installable': True,
}
