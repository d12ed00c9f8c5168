{
    'name': 'Quote Pricing',
    'summary': 'Price strategies, floor prices with approval, quote history, supplier '
               'inquiries, versions and printed quotes.',
    'description': """
Floor prices, discount limits and Chinese amounts in words on quotations
========================================================================
Products get a floor price (底价, red-line price). Quotation lines show the
floor price in the order's currency and are highlighted when their price
after discount is below it; such a quotation can only be confirmed or sent
by a sales manager. Quotations show their total in Chinese capital numerals
(大写金额).

Sales managers set a maximum discount per sales group (salesperson, team
leader) and company; a quotation with a higher discount than the user's
maximum can only be confirmed or sent by a sales manager.
""",
    'version': '11.0.1.0.0',
    'category': 'Sales',
    'author': 'CRM Suite',
    'license': 'LGPL-3',
    'depends': ['sales_funnel', 'sale_management', 'sale_crm', 'sale_margin', 'purchase', 'sale_order_revision'],
    'external_dependencies': {'python': ['cn2an']},
    'data': [
        'security/quote_pricing_security.xml',
        'security/ir.model.access.csv',
        'data/quote_pricing_data.xml',
        'data/quote_pricing_tiers.xml',
        'views/product_template_views.xml',
        'views/sale_price_strategy_views.xml',
        'views/sale_order_approval_views.xml',
        'views/crm_lead_views.xml',
        'views/res_partner_views.xml',
        'views/sale_order_views.xml',
        'views/sale_discount_limit_views.xml',
        'views/sale_quote_history_report_views.xml',
        'views/sale_order_line_reference_price_views.xml',
        'views/sale_order_inquiry_views.xml',
        'views/purchase_order_views.xml',
        'views/sale_inquiry_comparison_views.xml',
        'wizard/sale_inquiry_wizard_views.xml',
        'report/quote_history_reports.xml',
        'views/sale_order_version_views.xml',
        'views/sale_order_attribute_views.xml',
        'views/sale_order_print_views.xml',
        'report/quote_report.xml',
        'views/menus.xml',
    ],
    'demo': [
        'demo/quote_pricing_demo.xml',
        'demo/quote_pricing_strategy_demo.xml',
        'demo/quote_pricing_inquiry_demo.xml',
        'demo/quote_pricing_print_demo.xml',
    ],
    'application': False,
    'installable': True,
}
