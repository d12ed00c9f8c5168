{
    'name': 'Quote Pricing',
    'summary': 'Price strategies, floor prices with approval, quote history, supplier '
               'inquiries, versions and printed quotes.',
    'version': '11.0.1.0.0',
    'category': 'Sales',
    'author': 'CRM Suite',
    'license': 'LGPL-3',
    'depends': ['sales_funnel', 'sale_management', 'purchase'],
    'data': [],
    'demo': [],
    'application': False,
    'installable': True,
}
