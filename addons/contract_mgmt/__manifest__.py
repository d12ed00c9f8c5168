{
    'name': 'Contract Management',
    'summary': 'Contracts from drafting to collection: templates, approvals, '
               'amendments, payment plans, invoices, alerts.',
    'description': """
Sales contracts with approval and signing
=========================================
A contract (numbered HT-2026-0001, restarting every year) belongs to a customer
company and a salesperson. It is drafted, approved by a sales manager, signed,
executed and finished, or terminated with a reason. One transition table on the
model decides every state change, whether it comes from a button or over RPC.
A signed contract is read-only: it changes only through amendments. A won quotation
or a confirmed order becomes a draft contract with its lines. Approval goes through
OCA base_tier_validation tiers (by amount, team, type). Payment plans (回款计划):
instalments that always add up to the contract amount, invoiced exactly once each,
followed by their payments; accountants work in the Invoicing app.
""",
    'version': '11.0.1.0.0',
    'category': 'Sales',
    'author': 'CRM Suite',
    'license': 'LGPL-3',
    'depends': ['quote_pricing', 'account_invoicing', 'sale_stock'],
    'data': [
        'security/contract_mgmt_security.xml',
        'security/ir.model.access.csv',
        'data/contract_mgmt_data.xml',
        'data/contract_mgmt_collection_data.xml',
        'wizard/sale_contract_terminate_views.xml',
        'views/sale_contract_views.xml',
        'views/sale_contract_type_views.xml',
        'views/sale_order_views.xml',
        'views/sale_payment_plan_views.xml',
        'views/res_partner_views.xml',
        'views/sale_contract_template_views.xml',
        'report/sale_contract_report.xml',
        'views/sale_contract_document_views.xml',
        'wizard/sale_fast_order_views.xml',
        'data/contract_amendment_data.xml',
        'views/sale_contract_amendment_views.xml',
        'views/sale_contract_execution_views.xml',
        'data/contract_mgmt_alert_data.xml',
        'views/sale_contract_alert_views.xml',
        'wizard/sale_contract_report_wizard_views.xml',
        'report/sale_contract_report_views.xml',
        'views/menus.xml',
        'views/menus_collection.xml',
    ],
    'demo': [
        'demo/contract_mgmt_demo.xml',
        'demo/stock_demo.xml',
        'demo/contract_collection_demo.xml',
        'demo/contract_template_demo.xml',
        'demo/contract_document_demo.xml',
        'demo/contract_amendment_demo.xml',
    ],
    'application': False,
    'installable': True,
}
