{
    'name': 'After-sales and Returns',
    'summary': 'Returns linked to stock and finance, service tickets with SLA.',
    'description': """
Return requests with a delivered-quantity rule
==============================================
After-sales specialists record a customer's request to return goods of a
confirmed sales order; an after-sales manager approves or refuses it (with a
reason). A request can never take back more than was delivered on the order
line, less what other, not refused, requests already return.
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
