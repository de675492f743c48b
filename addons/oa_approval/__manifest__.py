# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "OA Approvals",
    "summary": "Online approvals linked to expenses, time off, fleet and calendar",
    "version": "18.0.1.0.0",
    "category": "Productivity/OA",
    "license": "LGPL-3",
    "author": "OA for Odoo",
    "website": "https://github.com/oa-for-odoo/oa",
    "maintainers": [],
    "depends": ["oa_base", "calendar"],
    "data": [
        # security
        "security/ir.model.access.csv",
        "security/oa_approval_security.xml",
        # data
        "data/oa_approval_data.xml",
        # views
        "views/oa_approval_type_views.xml",
        "views/oa_approval_request_views.xml",
        "views/oa_approval_budget_views.xml",
        "wizard/oa_flow_act_views.xml",
        "report/oa_approval_report.xml",
        # menus
        "views/oa_approval_menus.xml",
        # e-mails and the page of their signed links
        "data/oa_approval_mail_templates.xml",
        "data/oa_approval_act_templates.xml",
    ],
    "demo": [
        "demo/oa_approval_demo.xml",
    ],
    "application": True,
    "installable": True,
}
