{
    'name': 'Competitors',
    'summary': 'Competitors, SWOT, bids per opportunity and win/loss analysis.',
    'description': """
Competitors and their bids in your opportunities
================================================
Keep a file on every competitor (a company partner: it may also be a supplier
or a former customer): category, threat level, products, price positioning,
market share and the strategy to beat it. On each opportunity, record which
competitors are in the deal, their bid, payment, delivery and warranty terms,
their relationship with the customer and where they stand. Winning the deal
eliminates all competitors.
""",
    'version': '11.0.1.0.0',
    'category': 'Sales',
    'author': 'CRM Suite',
    'license': 'LGPL-3',
    'depends': ['sales_funnel'],
    'data': [
        'security/ir.model.access.csv',
        'security/competitor_security.xml',
        'views/crm_competitor_category_views.xml',
        'views/crm_lead_competitor_views.xml',
        'views/crm_competitor_views.xml',
        'views/crm_lead_views.xml',
        'views/menus.xml',
    ],
    'demo': [
        'demo/competitor_demo.xml',
    ],
    'application': False,
    'installable': True,
}
