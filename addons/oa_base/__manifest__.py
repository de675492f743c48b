# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "OA Base",
    "summary": "Office automation foundation: roles, routing engine, delegation, "
    "working-day calendar and audit",
    "version": "18.0.1.0.0",
    "category": "Productivity/OA",
    "license": "LGPL-3",
    "author": "OA for Odoo",
    "website": "https://github.com/oa-for-odoo/oa",
    "maintainers": [],
    "depends": ["mail", "hr", "resource", "web"],
    "data": [
        # security
        "security/oa_base_groups.xml",
        "security/ir.model.access.csv",
        "security/oa_base_security.xml",
        # data
        "data/oa_base_data.xml",
        "data/oa_calendar_day_2026.xml",
        "data/oa_calendar_day_2027.xml",
        # views
        "views/oa_workitem_views.xml",
        "views/oa_flow_views.xml",
        "views/oa_flow_template_views.xml",
        "views/oa_trace_views.xml",
        "views/oa_phrase_views.xml",
        "views/oa_delegation_views.xml",
        "views/oa_audit_log_views.xml",
        "views/oa_calendar_day_views.xml",
        "views/hr_department_views.xml",
        # wizards
        "wizard/oa_flow_act_views.xml",
        "wizard/oa_calendar_import_views.xml",
        # menus
        "views/oa_base_menus.xml",
    ],
    "demo": [
        "demo/oa_base_demo.xml",
    ],
    "application": True,
    "installable": True,
}
