{
    'name': 'Competitors',
    'summary': 'Competitors, SWOT, intelligence, bids per opportunity, win/loss analysis and monitoring reports.',
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
        'report/crm_competitor_monitoring_report.xml',
        'report/crm_competitor_report_views.xml',
        'views/crm_competitor_category_views.xml',
        'views/crm_lead_competitor_views.xml',
        'views/crm_competitor_intelligence_views.xml',
        'views/crm_competitor_views.xml',
        'views/crm_lead_views.xml',
        'views/crm_lost_reason_views.xml',
        'wizard/crm_lead_lost_views.xml',
        'views/menus.xml',
    ],
    'demo': [
        'demo/competitor_demo.xml',
        'demo/competitor_history_demo.xml',
    ],
    'application': False,
    'installable': True,
}
