{
    'name': 'Sales Funnel',
    'summary': 'Opportunities run by sales methods: stage tasks and gating, stage history, decision teams, '
               'collaboration, funnel analytics, forecasts and exceptions.',
    'description': """
Leads and opportunities run by sales methods
============================================
Leads from campaigns and sources are assigned in batches and converted to
opportunities through the 撞单 check. Each opportunity has a number, a type,
importance, budget, decision date, 立项 (project approval through tier
validation), products of interest and a key-project flag. Its type's sales
method gives its pipeline: stages with probability and maximum days, stage
tasks that gate progress (strict or loose), milestone auto-advance. Every
stage change is kept in the stage history, from which the funnel analytics,
the forecast and the exception cron are computed.
""",
    'version': '11.0.1.0.0',
    'category': 'Sales',
    'author': 'CRM Suite',
    'license': 'LGPL-3',
    'depends': ['crm_lifecycle', 'product', 'base_tier_validation'],
    'data': [
        'security/sales_funnel_security.xml',
        'security/ir.model.access.csv',
        'data/sales_funnel_data.xml',
        'data/sales_funnel_cron.xml',
        'views/crm_opportunity_type_views.xml',
        'views/crm_sales_method_views.xml',
        'views/crm_lead_views.xml',
        'views/crm_lead_sales_method_views.xml',
        'views/crm_lead_project_approval_views.xml',
        'views/crm_lead_exception_views.xml',
        'views/res_config_settings_views.xml',
        'wizard/crm_lead_assign_wizard_views.xml',
        'wizard/crm_funnel_analysis_wizard_views.xml',
        'report/crm_funnel_report_views.xml',
        'views/crm_lead_decision_views.xml',
        'wizard/crm_lead_share_wizard_views.xml',
        'wizard/crm_lead_handover_wizard_views.xml',
        'views/crm_lead_collaboration_views.xml',
        'data/crm_lead_request_cron.xml',
        'views/crm_lead_visit_plan_views.xml',
        'views/crm_lead_issue_views.xml',
        'views/crm_lead_request_views.xml',
        'views/crm_lead_expense_views.xml',
        'views/crm_lead_activity_views.xml',
        'views/menus.xml',
    ],
    'demo': [
        'demo/sales_funnel_demo.xml',
        'demo/sales_funnel_history_demo.xml',
        'demo/sales_funnel_team_demo.xml',
        'demo/sales_funnel_activity_demo.xml',
    ],
    'post_init_hook': 'post_init_hook',
    'application': False,
    'installable': True,
}
