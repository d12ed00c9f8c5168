{
    'name': 'CRM Customer Lifecycle',
    'summary': 'Customers from first contact to churn: categories and '
               'their follow-up and recall strategies, public pool, '
               'duplicate checks, contacts, reminders, loyalty',
    'description': """
Customer lifecycle for Chinese B2B sales teams
==============================================
Companies are customers, people are their contacts. This module adds
customer categories (A 重点 / B / C / D) that carry a strategy: follow-up
interval, days without follow-up or without a won deal before the customer
returns to the public pool, and how many customers of that category one
salesperson may hold.
""",
    'version': '11.0.1.0.0',
    'category': 'Sales',
    'author': 'CRM Suite',
    'license': 'LGPL-3',
    'depends': ['crm', 'contacts'],
    'data': [
        'security/crm_lifecycle_security.xml',
        'security/ir.model.access.csv',
        'views/customer_category_views.xml',
        'views/res_partner_views.xml',
        'views/res_partner_duplicate_views.xml',
        'views/res_config_settings_duplicate_views.xml',
        'views/customer_ownership_views.xml',
        'wizard/customer_ownership_wizard_views.xml',
        'views/res_partner_pool_views.xml',
        'views/res_config_settings_views.xml',
        'views/menus.xml',
    ],
    'demo': [
        'demo/crm_lifecycle_demo.xml',
        'demo/crm_lifecycle_duplicate_demo.xml',
        'demo/customer_pool_demo.xml',
    ],
    'application': False,
    'installable': True,
}
