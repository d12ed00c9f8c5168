{
    'name': 'Sales Team Management',
    'summary': 'Sales plans and targets, performance and rankings, commission, work '
               'logs and the sales console.',
    'description': """
Team hierarchy and yearly sales plans
=====================================
Sales teams form a tree (sales department, regional teams, sub-teams). A yearly
sales plan splits targets (signed amount, invoiced amount, collected amount, new
customers) from the department down to teams and salespeople. Every target with
sub-targets must equal their total: the plan cannot be submitted until it adds
up, and the error names each line with its difference. Team leads prepare and
submit plans, sales managers approve and issue them.
""",
    'version': '11.0.1.0.0',
    'category': 'Sales',
    'author': 'CRM Suite',
    'license': 'LGPL-3',
    'depends': ['contract_mgmt', 'competitor', 'date_range', 'report_xlsx'],
    'data': [
        'security/sales_team_mgmt_security.xml',
        'security/ir.model.access.csv',
        'views/crm_team_views.xml',
        'views/sales_plan_views.xml',
        'data/date_range_type_data.xml',
        'views/sales_staff_views.xml',
        'views/sales_plan_split_views.xml',
        'report/sales_plan_attainment_views.xml',
        'data/sales_plan_approval_data.xml',
        'data/sales_commission_cron.xml',
        'views/sales_commission_views.xml',
        'report/sales_commission_statement_report.xml',
        'views/sales_console_views.xml',
        'views/sales_analysis_views.xml',
        'report/sales_analysis_report.xml',
        'views/sales_resource_plan_views.xml',
        'report/sales_performance_views.xml',
        'views/sales_ranking_views.xml',
        'data/sales_ranking_cron.xml',
        'report/sales_plan_forecast_views.xml',
        'report/sales_product_forecast_views.xml',
        'report/sales_plan_attainment_report.xml',
        'wizard/sales_plan_line_split_wizard_views.xml',
        'data/sales_work_data.xml',
        'views/sales_work_report_views.xml',
        'views/sales_task_views.xml',
        'data/sales_task_cron.xml',
        'views/menus.xml',
    ],
    'demo': [
        'demo/sales_team_mgmt_demo.xml',
        'demo/sales_plan_monthly_demo.xml',
        'demo/sales_ranking_demo.xml',
        'demo/sales_commission_demo.xml',
        'demo/sales_work_demo.xml',
    ],
    'application': False,
    'installable': True,
    'uninstall_hook': 'uninstall_hook',
}
