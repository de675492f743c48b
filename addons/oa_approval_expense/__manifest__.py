# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "OA Approvals: Expense Claims",
    "summary": "费用报销: expense reports approved through the OA before finance "
    "approves and posts them",
    "version": "18.0.1.0.0",
    "category": "Productivity/OA",
    "license": "LGPL-3",
    "author": "OA for Odoo",
    "website": "https://github.com/oa-for-odoo/oa",
    "maintainers": [],
    "depends": ["oa_approval", "hr_expense"],
    "data": [
        "security/oa_approval_expense_security.xml",
        "data/oa_approval_expense_data.xml",
        "views/oa_approval_request_views.xml",
        "views/hr_expense_sheet_views.xml",
        "views/res_config_settings_views.xml",
    ],
    "demo": ["demo/oa_approval_expense_demo.xml"],
    "assets": {
        "web.assets_tests": [
            "oa_approval_expense/static/tests/tours/**/*",
        ],
    },
    "auto_install": True,
    "application": False,
    "installable": True,
}
