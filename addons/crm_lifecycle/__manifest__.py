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
    'depends': ['crm', 'contacts', 'report_xlsx'],
    'data': [
        'security/crm_lifecycle_security.xml',
        'security/ir.model.access.csv',
        'data/customer_classification_data.xml',
        'views/customer_category_views.xml',
        'views/res_partner_views.xml',
        'views/res_partner_duplicate_views.xml',
        'views/res_config_settings_duplicate_views.xml',
        'views/customer_ownership_views.xml',
        'wizard/customer_ownership_wizard_views.xml',
        'views/res_partner_pool_views.xml',
        'views/res_config_settings_views.xml',
        'views/customer_classification_views.xml',
        'wizard/customer_churn_wizard_views.xml',
        'views/res_partner_classification_views.xml',
        'report/customer_churn_report_views.xml',
        'views/res_config_settings_strategy_views.xml',
        'wizard/customer_import_wizard_views.xml',
        'report/customer_xlsx_report.xml',
        'views/loyalty_point_line_views.xml',
        'wizard/loyalty_adjust_wizard_views.xml',
        'views/crm_attribute_views.xml',
        'views/res_partner_attribute_views.xml',
        'data/crm_lifecycle_cron.xml',
        'views/res_partner_contact_views.xml',
        'views/customer_follow_up_views.xml',
        'views/res_config_settings_reminder_views.xml',
        'views/res_partner_customer_360_views.xml',
        'data/customer_care_data.xml',
        'views/care_festival_views.xml',
        'views/care_preset_views.xml',
        'views/care_log_views.xml',
        'views/res_partner_care_views.xml',
        'views/mail_template_care_views.xml',
        'report/care_letter_report.xml',
        'report/care_envelope_report.xml',
        'wizard/care_send_wizard_views.xml',
        'views/menus.xml',
    ],
    'demo': [
        'demo/crm_lifecycle_demo.xml',
        'demo/crm_lifecycle_duplicate_demo.xml',
        'demo/customer_pool_demo.xml',
        'demo/customer_classification_demo.xml',
        'demo/customer_loyalty_attribute_demo.xml',
        'demo/customer_contacts_demo.xml',
        'demo/customer_care_demo.xml',
        'demo/customer_bulk_demo.xml',
    ],
    'application': False,
    'installable': True,
    'uninstall_hook': 'uninstall_hook',
}
