{
    'name': 'Sales Funnel',
    'summary': 'Opportunities run by sales methods: numbering, types, importance, '
               'budget, stage tasks, decision teams, funnel analytics and forecasts.',
    'description': """
Opportunity information for the sales funnel
============================================
Every opportunity gets a number (SJ-2024-00001) when it is created as an
opportunity or converted from a lead. Opportunities carry a configurable
type (new project, upsell, renewal, tender...), an importance, the
customer's budget and a key project (重点项目) flag; key projects have
their own menu and must have an expected revenue.
""",
    'version': '11.0.1.0.0',
    'category': 'Sales',
    'author': 'CRM Suite',
    'license': 'LGPL-3',
    'depends': ['crm_lifecycle'],
    'data': [
        'security/sales_funnel_security.xml',
        'security/ir.model.access.csv',
        'data/sales_funnel_data.xml',
        'views/crm_opportunity_type_views.xml',
        'views/crm_lead_views.xml',
        'views/menus.xml',
    ],
    'demo': [
        'demo/sales_funnel_demo.xml',
    ],
    'post_init_hook': 'post_init_hook',
    'application': False,
    'installable': True,
}
