{
    'name': 'After-sales and Returns',
    'summary': 'Returns linked to stock and finance, service tickets with SLA.',
    'description': """
Returns and service tickets
===========================
Return requests with a delivered-quantity rule, approval by the after-sales manager
(tiers above an amount threshold), the return picking through Odoo's stock return,
credit notes against the original invoice and replacement deliveries; service
tickets with SLA in working hours, automatic assignment, process checklists,
satisfaction and breach alerts; opportunities from both; statistics and the
customer 360° view.
""",
    'version': '11.0.1.0.0',
    'category': 'Sales',
    'author': 'CRM Suite',
    'license': 'LGPL-3',
    'depends': ['contract_mgmt'],
    'data': [
        'security/aftersales_returns_security.xml',
        'security/ir.model.access.csv',
        'data/aftersales_returns_data.xml',
        'wizard/aftersales_return_refuse_views.xml',
        'views/aftersales_return_views.xml',
        'views/aftersales_return_reason_views.xml',
        'data/aftersales_return_approval_data.xml',
        'report/aftersales_return_report_views.xml',
        'views/aftersales_return_partner_views.xml',
        'data/aftersales_ticket_data.xml',
        'views/aftersales_ticket_views.xml',
        'views/aftersales_ticket_config_views.xml',
        'views/crm_lead_ticket_views.xml',
        'views/res_partner_ticket_views.xml',
        'views/menus.xml',
    ],
    'demo': [
        'demo/aftersales_returns_demo.xml',
        'demo/aftersales_ticket_demo.xml',
    ],
    'application': False,
    'installable': True,
}
