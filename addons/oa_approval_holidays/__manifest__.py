# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "OA Approvals: Time Off",
    "summary": "请假 and 销假 approved in the OA, done through Time Off",
    "version": "18.0.1.0.0",
    "category": "Productivity/OA",
    "license": "LGPL-3",
    "author": "OA for Odoo",
    "website": "https://github.com/oa-for-odoo/oa",
    "maintainers": [],
    "depends": ["oa_approval", "hr_holidays"],
    "data": [
        # data
        "data/oa_approval_holidays_data.xml",
        # views
        "views/oa_approval_request_views.xml",
        "views/oa_approval_type_views.xml",
        "views/hr_leave_views.xml",
        "report/oa_approval_report.xml",
    ],
    "demo": [
        "demo/oa_approval_holidays_demo.xml",
    ],
    "auto_install": True,
    "application": False,
    "installable": True,
}
